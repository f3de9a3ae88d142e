//! What went wrong with a request, said in the user's language.
//!
//! These messages live here, not in the app's translation files, because the server
//! writes them into 4xx responses and the browser shows the same text when it checks a
//! form before sending it.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// The kind of failure, stable for programs to match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request could not be read: malformed JSON, a path or query that does not parse.
    BadRequest,
    /// The request was read, but one or more fields are not acceptable.
    ValidationFailed,
    NotFound,
    /// The address exists, but not for this method (`Allow` lists the ones it takes).
    MethodNotAllowed,
    /// The personal link's key is missing, unknown or replaced.
    PersonalLinkInvalid,
    /// An `Idempotency-Key` came back with a different request than its first one.
    IdempotencyKeyReused,
    ShiftStarted,
    /// High-risk duty without the organiser's accident insurance on record.
    ShiftNotInsured,
    TrainingRequired,
    OverlappingShift,
    /// Full, and too close to its start for a waitlist.
    ShiftFull,
    CancelDeadlinePassed,
    /// Check-in opens 30 minutes before the shift starts.
    CheckInTooEarly,
    /// The shift is over: no more check-ins.
    ShiftEnded,
    /// The rotating code is wrong or has expired.
    WrongCode,
    /// Too many wrong codes in a short time: code check-in waits a few minutes.
    TooManyWrongCodes,
    /// The phone is farther from the point than the check-in radius.
    TooFarFromPoint,
    /// Only a confirmed sign-up is checked in.
    NotConfirmed,
    /// Checking out before checking in.
    NotCheckedIn,
    /// A staff request without a valid session: it never existed, ended, or timed out.
    StaffSignInRequired,
    /// The login name and password do not match an account.
    SignInFailed,
    /// Too many failed sign-ins for this login from this client: it waits a while, longer
    /// after each further failure.
    TooManySignIns,
    /// Too many requests of one kind from one client in a short time; `Retry-After`
    /// says when to try again.
    TooManyRequests,
    /// The volunteer already holds as many upcoming sign-ups as anyone may.
    TooManyOpenSignups,
    /// The request's body is larger than any the API accepts.
    BodyTooLarge,
    /// The server is at its limit of connections, subscribers or sign-ins in progress;
    /// `Retry-After` says when to try again.
    ServerBusy,
    /// A state-changing staff request without the session's anti-forgery token, or from
    /// another site.
    ForgeryCheckFailed,
    /// The account's role does not cover this point, unit or action.
    NotAllowed,
    /// The volunteer is still checked in: minutes are reviewed after the check-out.
    StillOnDuty,
    /// Volunteers have signed up for the shift: it stays, and its places can only grow.
    ShiftHasSignups,
    /// Attendance at a training session is marked from 30 minutes before it starts.
    AttendanceNotOpen,
    /// The volunteer has answered for this story: it stays as they saw it.
    StoryAnswered,
    /// A service certificate was asked for a period without verified hours.
    NoVerifiedHours,
    /// An approval is undone only by whoever gave it, within a few minutes, and only
    /// while nobody has reviewed the record again.
    UndoExpired,
    /// An administrator cannot disable their own account, so one always stays able to
    /// manage the others.
    OwnAccount,
    /// The password is right, and the account also needs its second factor's code.
    SecondFactorNeeded,
    /// The code from the authenticator app is wrong, expired or used already, or the
    /// recovery code is unknown or used.
    SecondFactorFailed,
    /// An administrator must switch the second factor on before doing anything else.
    SecondFactorEnrolmentRequired,
    /// The display link was revoked, or never existed.
    DisplayLinkInvalid,
    /// Something failed on our side; details are in the server log, never in the response.
    Internal,
}

impl ErrorCode {
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ErrorCode::BadRequest, Lang::Zh) => "请求格式有误。",
            (ErrorCode::BadRequest, Lang::En) => "The request could not be read.",
            (ErrorCode::ValidationFailed, Lang::Zh) => "部分内容需要修改。",
            (ErrorCode::ValidationFailed, Lang::En) => "Some fields need to be corrected.",
            (ErrorCode::NotFound, Lang::Zh) => "没有找到所请求的内容。",
            (ErrorCode::NotFound, Lang::En) => "Nothing was found here.",
            (ErrorCode::MethodNotAllowed, Lang::Zh) => "此地址不接受这种请求方式。",
            (ErrorCode::MethodNotAllowed, Lang::En) => {
                "This address does not take this kind of request."
            }
            (ErrorCode::PersonalLinkInvalid, Lang::Zh) => {
                "个人链接无效或已更换。请使用最新的个人链接，或到任一服务点请工作人员重新发送。"
            }
            (ErrorCode::PersonalLinkInvalid, Lang::En) => {
                "This personal link is not valid or has been replaced. Use your newest link, or ask staff at any service point for a new one."
            }
            (ErrorCode::IdempotencyKeyReused, Lang::Zh) => {
                "同一请求编号已用于另一项操作，请刷新页面后重试。"
            }
            (ErrorCode::IdempotencyKeyReused, Lang::En) => {
                "This request number was already used for a different action. Reload the page and try again."
            }
            (ErrorCode::ShiftStarted, Lang::Zh) => "已经开始，不能再报名或取消。",
            (ErrorCode::ShiftStarted, Lang::En) => {
                "It has started; it can no longer be signed up for or cancelled."
            }
            (ErrorCode::ShiftNotInsured, Lang::Zh) => {
                "该班次属高风险岗位，组织单位的志愿者意外保险登记后才开放报名。"
            }
            (ErrorCode::ShiftNotInsured, Lang::En) => {
                "This is high-risk duty: it opens for sign-up once the organiser's accident insurance for volunteers is on record."
            }
            (ErrorCode::TrainingRequired, Lang::Zh) => {
                "该岗位要求完成相应培训，您的记录中尚无在班次当天有效的该培训。可在「培训」页报名下一期培训。"
            }
            (ErrorCode::TrainingRequired, Lang::En) => {
                "This duty needs a training that is not on your record, or not valid on the shift's day. Sign up for its next session on the trainings page."
            }
            (ErrorCode::OverlappingShift, Lang::Zh) => {
                "您在这个时间已有另一个班次或培训，同一时间只能参加一项。"
            }
            (ErrorCode::OverlappingShift, Lang::En) => {
                "You already hold another shift or training at this time; you can hold only one at a time."
            }
            (ErrorCode::ShiftFull, Lang::Zh) => "名额已满，且临近开始，不再接受候补。",
            (ErrorCode::ShiftFull, Lang::En) => "It is full and starts too soon for a waitlist.",
            (ErrorCode::CancelDeadlinePassed, Lang::Zh) => {
                "距开始已不足 2 小时，无法在线取消。请直接联系组织单位。"
            }
            (ErrorCode::CancelDeadlinePassed, Lang::En) => {
                "It starts in less than 2 hours, so it can no longer be cancelled online. Please tell the organising unit directly."
            }
            (ErrorCode::CheckInTooEarly, Lang::Zh) => "班次开始前 30 分钟起才能签到。",
            (ErrorCode::CheckInTooEarly, Lang::En) => {
                "Check-in opens 30 minutes before the shift starts."
            }
            (ErrorCode::AttendanceNotOpen, Lang::Zh) => "培训开始前 30 分钟起才能登记出席。",
            (ErrorCode::AttendanceNotOpen, Lang::En) => {
                "Attendance is marked from 30 minutes before the session starts."
            }
            (ErrorCode::StoryAnswered, Lang::Zh) => {
                "志愿者已对这篇故事作出答复，故事不能再修改；如需改动，请另写一篇。"
            }
            (ErrorCode::StoryAnswered, Lang::En) => {
                "The volunteer has answered for this story, so it can no longer change; write a new one instead."
            }
            (ErrorCode::ShiftEnded, Lang::Zh) => "该班次已经结束，不能再签到。",
            (ErrorCode::ShiftEnded, Lang::En) => "This shift has ended; check-in is closed.",
            (ErrorCode::WrongCode, Lang::Zh) => {
                "签到码不正确或已过期，请输入服务点屏幕上当前显示的数字。"
            }
            (ErrorCode::WrongCode, Lang::En) => {
                "The code is wrong or has expired. Enter the digits the point's screen shows now."
            }
            (ErrorCode::TooManyWrongCodes, Lang::Zh) => {
                "签到码错误次数过多，请 10 分钟后再试，或使用位置签到。"
            }
            (ErrorCode::TooManyWrongCodes, Lang::En) => {
                "Too many wrong codes. Try again in 10 minutes, or check in with your location."
            }
            (ErrorCode::TooFarFromPoint, Lang::Zh) => {
                "您的位置离服务点太远，请到服务点后再签到，或使用签到码。"
            }
            (ErrorCode::TooFarFromPoint, Lang::En) => {
                "You are too far from the service point. Check in when you are there, or use the code."
            }
            (ErrorCode::NotConfirmed, Lang::Zh) => "只有已确认的报名才能签到。",
            (ErrorCode::NotConfirmed, Lang::En) => "Only a confirmed sign-up can be checked in.",
            (ErrorCode::NotCheckedIn, Lang::Zh) => "您还没有签到，不能签退。",
            (ErrorCode::NotCheckedIn, Lang::En) => {
                "You have not checked in, so you cannot check out."
            }
            (ErrorCode::StaffSignInRequired, Lang::Zh) => {
                "请先登录工作人员账号。登录超过 30 分钟未操作会自动退出。"
            }
            (ErrorCode::StaffSignInRequired, Lang::En) => {
                "Please sign in with your staff account. You are signed out after 30 minutes without activity."
            }
            (ErrorCode::SignInFailed, Lang::Zh) => "账号或密码不正确。",
            (ErrorCode::SignInFailed, Lang::En) => "The login name or password is not correct.",
            (ErrorCode::TooManySignIns, Lang::Zh) => {
                "登录失败次数过多，请稍后再试；每多失败一次，等待时间会加长。"
            }
            (ErrorCode::TooManySignIns, Lang::En) => {
                "Too many failed sign-ins. Please wait a little before trying again; each further failure makes the wait longer."
            }
            (ErrorCode::TooManyRequests, Lang::Zh) => "操作过于频繁，请稍后再试。",
            (ErrorCode::TooManyRequests, Lang::En) => {
                "Too many requests in a short time. Please try again shortly."
            }
            (ErrorCode::TooManyOpenSignups, Lang::Zh) => {
                "您已报名 8 个尚未开始的班次或培训，这是上限。请先完成或取消其中一个，再报名新的。"
            }
            (ErrorCode::TooManyOpenSignups, Lang::En) => {
                "You already hold 8 upcoming shifts or trainings, the most anyone may hold. Attend or cancel one of them before signing up for another."
            }
            (ErrorCode::BodyTooLarge, Lang::Zh) => "提交的内容过大。",
            (ErrorCode::BodyTooLarge, Lang::En) => "What was sent is too large.",
            (ErrorCode::ServerBusy, Lang::Zh) => "服务器当前繁忙，请稍后再试。",
            (ErrorCode::ServerBusy, Lang::En) => {
                "The server is busy right now. Please try again shortly."
            }
            (ErrorCode::ForgeryCheckFailed, Lang::Zh) => "请求未通过安全校验，请刷新页面后重试。",
            (ErrorCode::ForgeryCheckFailed, Lang::En) => {
                "The request failed a security check. Reload the page and try again."
            }
            (ErrorCode::NotAllowed, Lang::Zh) => "您的账号无权处理该服务点或单位的事项。",
            (ErrorCode::NotAllowed, Lang::En) => "Your account may not act on this point or unit.",
            (ErrorCode::StillOnDuty, Lang::Zh) => "该志愿者尚未签退，签退后才能审核时长。",
            (ErrorCode::StillOnDuty, Lang::En) => {
                "The volunteer has not checked out yet; hours are reviewed after check-out."
            }
            (ErrorCode::NoVerifiedHours, Lang::Zh) => {
                "该志愿者在所选期间没有经核实的服务时长，无法出具证明。"
            }
            (ErrorCode::NoVerifiedHours, Lang::En) => {
                "The volunteer has no verified hours in this period, so there is nothing to certify."
            }
            (ErrorCode::OwnAccount, Lang::Zh) => "不能停用自己的账户，请由另一位管理员操作。",
            (ErrorCode::OwnAccount, Lang::En) => {
                "You cannot disable your own account; another administrator can."
            }
            (ErrorCode::SecondFactorNeeded, Lang::Zh) => {
                "请输入身份验证器应用中的 6 位验证码，或一个恢复码。"
            }
            (ErrorCode::SecondFactorNeeded, Lang::En) => {
                "Enter the 6-digit code from your authenticator app, or a recovery code."
            }
            (ErrorCode::SecondFactorFailed, Lang::Zh) => {
                "验证码不正确、已过期或已使用过，请输入应用中新出现的验证码。"
            }
            (ErrorCode::SecondFactorFailed, Lang::En) => {
                "The code is wrong, expired or used already. Enter the new code your app shows."
            }
            (ErrorCode::SecondFactorEnrolmentRequired, Lang::Zh) => {
                "管理员账户须先开启两步验证，才能继续操作。"
            }
            (ErrorCode::SecondFactorEnrolmentRequired, Lang::En) => {
                "Administrators must switch on two-step verification before anything else."
            }
            (ErrorCode::DisplayLinkInvalid, Lang::Zh) => {
                "此显示屏链接已被撤销或无效，请向服务点的组长或协调员索取新的链接。"
            }
            (ErrorCode::DisplayLinkInvalid, Lang::En) => {
                "This display link was revoked or is not valid. Ask the point's leader or coordinator for a new one."
            }
            (ErrorCode::UndoExpired, Lang::Zh) => {
                "无法撤销：撤销只能在批准后 10 分钟内由批准人进行，且记录未被再次审核。"
            }
            (ErrorCode::UndoExpired, Lang::En) => {
                "This can no longer be undone: only the approver can undo, within 10 minutes, and only while nobody has reviewed the record since."
            }
            (ErrorCode::ShiftHasSignups, Lang::Zh) => {
                "该班次已有志愿者报名：不能删除，名额只能增加。"
            }
            (ErrorCode::ShiftHasSignups, Lang::En) => {
                "Volunteers have signed up for this shift: it cannot be deleted, and its places can only be increased."
            }
            (ErrorCode::Internal, Lang::Zh) => "服务暂时出现问题，请稍后再试。",
            (ErrorCode::Internal, Lang::En) => {
                "Something went wrong on our side. Please try again later."
            }
        }
    }
}

/// Why one field was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    Required,
    NotAnInteger,
    OutOfRange {
        min: i64,
        max: i64,
    },
    OneOf {
        allowed: Vec<String>,
    },
    InvalidPhone,
    TooLong {
        max: u32,
    },
    TooShort {
        min: u32,
    },
    /// Control characters where only text belongs.
    NotPlainText,
    /// The consent to processing personal information was not given.
    ConsentRequired,
    /// The privacy notice changed since the form was loaded.
    NoticeChanged,
    /// A well-formed id that names nothing there is (a team, a shift): never was, or
    /// no longer is.
    NotOnTheList,
    /// Both a team and "individual volunteer" were chosen: a volunteer is one or the other.
    TeamOrIndividual,
    /// The mobile number is registered already.
    AlreadyRegistered,
    InvalidIdempotencyKey,
    /// The browser could not make a personal link key (no Web Crypto).
    InvalidAccessKey,
    /// Figures were asked for more than one point, team or unit at once.
    OnlyOneScope,
    /// A date that is not a real day written as YYYY-MM-DD.
    NotADate,
    /// A period whose last day comes before its first, or that spans too long.
    PeriodOutOfOrder {
        max_days: u32,
    },
    /// A time of day that is not `HH:MM`.
    InvalidTime,
    /// A moment that is not RFC 3339 with its offset.
    InvalidDateTime,
    /// A time that has already passed, where only a future one makes sense.
    InThePast,
    /// A day that has not come yet, where only one that has makes sense (a training
    /// completed).
    InTheFuture,
    /// An upload that is not a JPEG, PNG or WebP picture the server can read.
    NotAPhoto,
    /// The volunteer has no sign-up for the training session.
    NotSignedUp,
    /// No volunteer has this number, or none the account's records hold.
    NoSuchVolunteer,
    /// An end (of a shift, of opening hours, of an insurance cover) that does not come
    /// after its start.
    EndsBeforeStart,
    /// A shift longer than the programme allows.
    ShiftTooLong {
        max_hours: u32,
    },
    /// Minutes served said to be more than the shift lasted.
    LongerThanTheShift {
        max_minutes: i64,
    },
    /// A coordinate outside Huli District's outline.
    OutsideDistrict,
    /// A name another point, unit or team already has.
    AlreadyInUse,
    /// The organising unit does not staff the point it would organise a shift at.
    NotPairedWithPoint,
    /// Insurance is recorded only for high-risk duty.
    NotHighRiskDuty,
    /// The insurance cover does not span the shift's dates.
    NotCovered,
    /// Volunteers hold the shift, and its start (as it stands or as asked) is within
    /// `hours` from now: too late for them to cancel if the new time does not suit them.
    TooLateToMove {
        hours: u32,
    },
    /// This many of the volunteers holding the shift hold another shift or training
    /// session at the new time.
    HoldersBusy {
        volunteers: u32,
    },
    /// A colour that is not written `#rrggbb`.
    NotAColour,
    /// A colour too light for white text on it, or for text in it on white.
    LowContrast,
    /// A website address that is not an origin: `https://host` with an optional port and
    /// nothing after it.
    NotAnOrigin,
    /// The digits typed to confirm an erasure are not the end of the volunteer's number.
    ConfirmationMismatch,
    /// A password on the lists of common and breached ones, or otherwise quick to guess.
    EasilyGuessed,
    /// The password typed as the current one is not the account's.
    NotCurrentPassword,
    /// Neither six digits nor a recovery code.
    NotASecondFactorCode,
    /// Six digits that the authenticator app did not make from the new secret.
    SecondFactorMismatch,
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::Required, Lang::Zh) => "此项为必填项。".into(),
            (Problem::Required, Lang::En) => "This field is required.".into(),
            (Problem::NotAnInteger, Lang::Zh) => "请填写整数。".into(),
            (Problem::NotAnInteger, Lang::En) => "Enter a whole number.".into(),
            (Problem::OutOfRange { min, max }, Lang::Zh) => {
                format!("请填写 {min} 到 {max} 之间的数。")
            }
            (Problem::OutOfRange { min, max }, Lang::En) => {
                format!("Enter a number from {min} to {max}.")
            }
            (Problem::OneOf { allowed }, Lang::Zh) => {
                format!("请从以下选项中选择：{}。", allowed.join("、"))
            }
            (Problem::OneOf { allowed }, Lang::En) => {
                format!("Choose one of: {}.", allowed.join(", "))
            }
            (Problem::InvalidPhone, Lang::Zh) => {
                "请填写 11 位中国大陆手机号码，如 138 1234 5678。".into()
            }
            (Problem::InvalidPhone, Lang::En) => {
                "Enter an 11-digit mainland China mobile number, such as 138 1234 5678.".into()
            }
            (Problem::TooLong { max }, Lang::Zh) => format!("最多 {max} 个字。"),
            (Problem::TooLong { max }, Lang::En) => format!("Use at most {max} characters."),
            (Problem::TooShort { min }, Lang::Zh) => format!("至少 {min} 个字。"),
            (Problem::TooShort { min }, Lang::En) => format!("Use at least {min} characters."),
            (Problem::NotPlainText, Lang::Zh) => "请只填写文字，不要包含控制字符。".into(),
            (Problem::NotPlainText, Lang::En) => {
                "Use plain text without control characters.".into()
            }
            (Problem::ConsentRequired, Lang::Zh) => {
                "注册需要您同意按上述说明处理个人信息。".into()
            }
            (Problem::ConsentRequired, Lang::En) => {
                "To register, agree to the processing of your personal information as described.".into()
            }
            (Problem::NoticeChanged, Lang::Zh) => {
                "个人信息说明已更新，请刷新页面阅读后重新同意。".into()
            }
            (Problem::NoticeChanged, Lang::En) => {
                "The personal information notice has changed. Reload the page, read it and agree again.".into()
            }
            (Problem::NotOnTheList, Lang::Zh) => "请从列表中选择。".into(),
            (Problem::NotOnTheList, Lang::En) => "Choose one from the list.".into(),
            (Problem::TeamOrIndividual, Lang::Zh) => {
                "请选择一支队伍，或选择“个人志愿者”，二者只能选其一。".into()
            }
            (Problem::TeamOrIndividual, Lang::En) => {
                "Choose a team or \"individual volunteer\", not both.".into()
            }
            (Problem::AlreadyRegistered, Lang::Zh) => {
                "该手机号码已注册，请使用注册时保存的个人链接。".into()
            }
            (Problem::AlreadyRegistered, Lang::En) => {
                "This number is already registered. Use the personal link you saved when you registered.".into()
            }
            (Problem::InvalidIdempotencyKey, Lang::Zh) => {
                "请求编号应为 16 到 64 位字母、数字、- 或 _。".into()
            }
            (Problem::InvalidIdempotencyKey, Lang::En) => {
                "A request key has 16 to 64 letters, digits, - or _.".into()
            }
            (Problem::InvalidAccessKey, Lang::Zh) => {
                "浏览器未能生成安全的个人链接，请使用较新版本的浏览器或微信。".into()
            }
            (Problem::InvalidAccessKey, Lang::En) => {
                "This browser could not create a secure personal link. Please use an up-to-date browser or WeChat.".into()
            }
            (Problem::OnlyOneScope, Lang::Zh) => "请只选择一个服务点、队伍或共建单位。".into(),
            (Problem::OnlyOneScope, Lang::En) => "Choose only one point, team or unit.".into(),
            (Problem::InvalidTime, Lang::Zh) => "请按“时:分”填写时间，如 09:00。".into(),
            (Problem::InvalidTime, Lang::En) => "Enter a time as hours:minutes, such as 09:00.".into(),
            (Problem::InvalidDateTime, Lang::Zh) => {
                "请填写带时区的日期时间，如 2026-03-05T09:00:00+08:00。".into()
            }
            (Problem::InvalidDateTime, Lang::En) => {
                "Enter a date and time with its offset, such as 2026-03-05T09:00:00+08:00.".into()
            }
            (Problem::InThePast, Lang::Zh) => "该时间已经过去，请选择将来的时间。".into(),
            (Problem::InThePast, Lang::En) => "This time has passed; choose a later one.".into(),
            (Problem::InTheFuture, Lang::Zh) => "该日期还没到，请填写已经过去的日期。".into(),
            (Problem::InTheFuture, Lang::En) => {
                "This day has not come yet; enter a day that has passed.".into()
            }
            (Problem::NoSuchVolunteer, Lang::Zh) => {
                "没有这个志愿者编号，或该志愿者不在您的记录范围内。".into()
            }
            (Problem::NoSuchVolunteer, Lang::En) => {
                "No volunteer has this number, or none in your records.".into()
            }
            (Problem::NotSignedUp, Lang::Zh) => "该志愿者没有报名这场培训。".into(),
            (Problem::NotSignedUp, Lang::En) => {
                "This volunteer did not sign up for this session.".into()
            }
            (Problem::NotAPhoto, Lang::Zh) => "无法读取该照片，请上传 JPEG、PNG 或 WebP 格式的照片。".into(),
            (Problem::NotAPhoto, Lang::En) => {
                "This photo cannot be read; upload a JPEG, PNG or WebP picture.".into()
            }
            (Problem::EndsBeforeStart, Lang::Zh) => "结束须晚于开始。".into(),
            (Problem::EndsBeforeStart, Lang::En) => "The end must come after the start.".into(),
            (Problem::LongerThanTheShift { max_minutes }, Lang::Zh) => {
                format!("不能超过班次时长（{max_minutes} 分钟）。")
            }
            (Problem::LongerThanTheShift { max_minutes }, Lang::En) => {
                format!("At most the shift's length ({max_minutes} minutes).")
            }
            (Problem::ShiftTooLong { max_hours }, Lang::Zh) => {
                format!("一个班次最长 {max_hours} 小时。")
            }
            (Problem::ShiftTooLong { max_hours }, Lang::En) => {
                format!("A shift lasts at most {max_hours} hours.")
            }
            (Problem::OutsideDistrict, Lang::Zh) => {
                "该位置不在湖里区范围内，请在区内重新选择位置。".into()
            }
            (Problem::OutsideDistrict, Lang::En) => {
                "This location is outside Huli District; choose a place inside the district.".into()
            }
            (Problem::AlreadyInUse, Lang::Zh) => "该名称已被使用，请换一个。".into(),
            (Problem::AlreadyInUse, Lang::En) => "This name is already in use; choose another.".into(),
            (Problem::NotPairedWithPoint, Lang::Zh) => {
                "该单位未与此服务点结对，不能在此组织班次。".into()
            }
            (Problem::NotPairedWithPoint, Lang::En) => {
                "This unit is not paired with this point, so it cannot organise shifts there.".into()
            }
            (Problem::NotHighRiskDuty, Lang::Zh) => {
                "只有交通执勤、应急救援等高风险岗位需要登记保险。".into()
            }
            (Problem::NotHighRiskDuty, Lang::En) => {
                "Insurance is recorded only for high-risk duty (traffic duty, emergency relief).".into()
            }
            (Problem::NotCovered, Lang::Zh) => "保险期间未覆盖该班次的日期。".into(),
            (Problem::NotCovered, Lang::En) => {
                "The insurance period does not cover the shift's dates.".into()
            }
            (Problem::TooLateToMove { hours }, Lang::Zh) => format!(
                "已有志愿者报名：只能在开始前 {hours} 小时以前调整时间，且新的开始时间须在 {hours} 小时以后，以便他们仍能取消。"
            ),
            (Problem::TooLateToMove { hours }, Lang::En) => format!(
                "Volunteers hold this shift: it can move until {hours} hours before it starts, to a start at least {hours} hours away, so that they can still cancel."
            ),
            (Problem::HoldersBusy { volunteers }, Lang::Zh) => {
                format!("已报名的志愿者中有 {volunteers} 人在新的时间另有班次或培训。")
            }
            (Problem::HoldersBusy { volunteers }, Lang::En) => format!(
                "{volunteers} of the volunteers who hold this shift have another shift or training at the new time."
            ),
            (Problem::NotAColour, Lang::Zh) => "请按 #rrggbb 填写颜色，如 #b91c1c。".into(),
            (Problem::NotAColour, Lang::En) => "Enter a colour as #rrggbb, such as #b91c1c.".into(),
            (Problem::LowContrast, Lang::Zh) => {
                "这个颜色太浅，白色文字在上面看不清，请选择更深的颜色。".into()
            }
            (Problem::LowContrast, Lang::En) => {
                "This colour is too light for white text to be read on it. Choose a darker one.".into()
            }
            (Problem::NotAnOrigin, Lang::Zh) => {
                "请填写网站地址，如 https://www.huli.gov.cn，不要带路径。".into()
            }
            (Problem::NotAnOrigin, Lang::En) => {
                "Enter a website address such as https://www.huli.gov.cn, without a path.".into()
            }
            (Problem::ConfirmationMismatch, Lang::Zh) => {
                "与您手机号码的后四位不符，请重新输入。".into()
            }
            (Problem::ConfirmationMismatch, Lang::En) => {
                "These are not the last four digits of your mobile number. Type them again.".into()
            }
            (Problem::EasilyGuessed, Lang::Zh) => {
                "这个密码太常见或太容易猜到（如常用密码、键盘顺序、日期或包含登录名），请换一个更长、更独特的密码，比如几个不相关的词组合。".into()
            }
            (Problem::EasilyGuessed, Lang::En) => {
                "This password is too common or too easy to guess (a common password, a keyboard pattern, a date, or your login). Choose a longer, less usual one, such as a few unrelated words.".into()
            }
            (Problem::NotCurrentPassword, Lang::Zh) => "当前密码不正确。".into(),
            (Problem::NotCurrentPassword, Lang::En) => "This is not your current password.".into(),
            (Problem::NotASecondFactorCode, Lang::Zh) => {
                "请输入 6 位数字验证码，或形如 abcde-fghjk 的恢复码。".into()
            }
            (Problem::NotASecondFactorCode, Lang::En) => {
                "Enter the 6-digit code, or a recovery code such as abcde-fghjk.".into()
            }
            (Problem::SecondFactorMismatch, Lang::Zh) => {
                "验证码不对。请确认已扫描本页的二维码，且手机时间准确，再输入新的验证码。".into()
            }
            (Problem::SecondFactorMismatch, Lang::En) => {
                "That code does not match. Check that you scanned this page's QR code and that the phone's clock is right, then enter the new code.".into()
            }
            (Problem::NotADate, Lang::Zh) => "请按“年-月-日”填写日期，如 2026-03-05。".into(),
            (Problem::NotADate, Lang::En) => "Enter a date as year-month-day, such as 2026-03-05.".into(),
            (Problem::PeriodOutOfOrder { max_days }, Lang::Zh) => {
                format!("结束日期不能早于开始日期，且期间最长 {max_days} 天。")
            }
            (Problem::PeriodOutOfOrder { max_days }, Lang::En) => {
                format!("The last day cannot come before the first, and a period spans at most {max_days} days.")
            }
        }
    }
}

/// One refused field and the reason, ready to show next to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as the request spelled it (a JSON key, a path or query parameter).
    pub field: String,
    pub problem: Problem,
    pub message: String,
}

/// The body of every 4xx and 5xx JSON response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub error: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

/// Every error code, for tests that check every message.
#[cfg(test)]
pub(crate) const ERROR_CODES: [ErrorCode; 40] = [
    ErrorCode::BadRequest,
    ErrorCode::ValidationFailed,
    ErrorCode::NotFound,
    ErrorCode::MethodNotAllowed,
    ErrorCode::PersonalLinkInvalid,
    ErrorCode::IdempotencyKeyReused,
    ErrorCode::ShiftStarted,
    ErrorCode::ShiftNotInsured,
    ErrorCode::TrainingRequired,
    ErrorCode::OverlappingShift,
    ErrorCode::ShiftFull,
    ErrorCode::CancelDeadlinePassed,
    ErrorCode::CheckInTooEarly,
    ErrorCode::ShiftEnded,
    ErrorCode::WrongCode,
    ErrorCode::TooManyWrongCodes,
    ErrorCode::TooFarFromPoint,
    ErrorCode::NotConfirmed,
    ErrorCode::NotCheckedIn,
    ErrorCode::StaffSignInRequired,
    ErrorCode::SignInFailed,
    ErrorCode::TooManySignIns,
    ErrorCode::TooManyRequests,
    ErrorCode::TooManyOpenSignups,
    ErrorCode::BodyTooLarge,
    ErrorCode::ServerBusy,
    ErrorCode::ForgeryCheckFailed,
    ErrorCode::NotAllowed,
    ErrorCode::StillOnDuty,
    ErrorCode::ShiftHasSignups,
    ErrorCode::AttendanceNotOpen,
    ErrorCode::StoryAnswered,
    ErrorCode::NoVerifiedHours,
    ErrorCode::UndoExpired,
    ErrorCode::OwnAccount,
    ErrorCode::SecondFactorNeeded,
    ErrorCode::SecondFactorFailed,
    ErrorCode::SecondFactorEnrolmentRequired,
    ErrorCode::DisplayLinkInvalid,
    ErrorCode::Internal,
];

/// One of each problem, for tests that check every message.
#[cfg(test)]
pub(crate) fn examples() -> Vec<Problem> {
    vec![
        Problem::Required,
        Problem::NotAnInteger,
        Problem::OutOfRange { min: 1, max: 30 },
        Problem::OneOf {
            allowed: vec!["park".into(), "square".into()],
        },
        Problem::InvalidPhone,
        Problem::TooLong { max: 40 },
        Problem::TooShort { min: 12 },
        Problem::NotPlainText,
        Problem::ConsentRequired,
        Problem::NoticeChanged,
        Problem::NotOnTheList,
        Problem::TeamOrIndividual,
        Problem::AlreadyRegistered,
        Problem::InvalidIdempotencyKey,
        Problem::InvalidAccessKey,
        Problem::OnlyOneScope,
        Problem::NotADate,
        Problem::PeriodOutOfOrder { max_days: 366 },
        Problem::InvalidTime,
        Problem::InvalidDateTime,
        Problem::InThePast,
        Problem::InTheFuture,
        Problem::NotAPhoto,
        Problem::NotSignedUp,
        Problem::NoSuchVolunteer,
        Problem::EndsBeforeStart,
        Problem::ShiftTooLong { max_hours: 12 },
        Problem::LongerThanTheShift { max_minutes: 180 },
        Problem::OutsideDistrict,
        Problem::AlreadyInUse,
        Problem::NotPairedWithPoint,
        Problem::NotHighRiskDuty,
        Problem::NotCovered,
        Problem::TooLateToMove { hours: 2 },
        Problem::HoldersBusy { volunteers: 3 },
        Problem::NotAColour,
        Problem::LowContrast,
        Problem::NotAnOrigin,
        Problem::ConfirmationMismatch,
        Problem::EasilyGuessed,
        Problem::NotCurrentPassword,
        Problem::NotASecondFactorCode,
        Problem::SecondFactorMismatch,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_speaks_both_languages() {
        for problem in examples() {
            let zh = problem.message(Lang::Zh);
            let en = problem.message(Lang::En);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(en.is_ascii() && !en.is_empty(), "{en}");
        }
        assert_eq!(
            Problem::OutOfRange {
                min: 2000,
                max: 2100
            }
            .message(Lang::En),
            "Enter a number from 2000 to 2100."
        );
    }
}
