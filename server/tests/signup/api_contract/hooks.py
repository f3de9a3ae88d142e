"""Who the fuzzer is, and what it must leave alone.

The test signs in an administrator and a coordinator, registers a volunteer and makes a
display link, hands their credentials over in the environment, and checks after the run
that all of them still work. Each operation runs as the person its security scheme
names: the administrator for the console, the coordinator for their own account's
settings, the volunteer for their record and sign-ups. Signing out and erasing oneself
run as throwaway people. Disabling, re-enabling or resetting the password of the two
accounts, erasing the volunteer, replacing their personal link or revoking the display
link would end them halfway through; every other id stays the fuzzer's to try.
"""

import os

import schemathesis

ENV = os.environ
PROTECTED_ACCOUNTS = set(filter(None, ENV["HULI_PROTECTED_ACCOUNTS"].split(",")))
PROTECTED_VOLUNTEER = ENV["HULI_PROTECTED_VOLUNTEER"]
PROTECTED_DISPLAY_LINK = ENV["HULI_PROTECTED_DISPLAY_LINK"]


def staff(name):
    """A staff member's session cookie and anti-forgery token."""

    class Staff:
        def get(self, case, ctx):
            return (ENV[f"HULI_{name}_COOKIE"], ENV[f"HULI_{name}_CSRF"])

        def set(self, case, data, ctx):
            cookie, csrf = data
            case.headers = case.headers or {}
            case.headers["Cookie"] = cookie
            case.headers["X-CSRF-Token"] = csrf

    Staff.__name__ = f"Staff{name.title()}"
    return Staff


def bearer(variable):
    """A personal link's or a display link's key."""

    class Bearer:
        def get(self, case, ctx):
            return ENV[variable]

        def set(self, case, data, ctx):
            case.headers = case.headers or {}
            case.headers["Authorization"] = f"Bearer {data}"

    Bearer.__name__ = f"Bearer{variable.title()}"
    return Bearer


def register(provider, **where):
    schemathesis.auth(refresh_interval=None, retry_on=[]).apply_to(**where)(provider)


register(staff("ADMIN"), path_regex="^/api/staff/(?!session)")
register(staff("ADMIN"), path="/api/staff/session", method="GET")
register(staff("COORDINATOR"), path_regex="^/api/staff/session/")
register(staff("LEAVING"), path="/api/staff/session", method="DELETE")
register(bearer("HULI_VOLUNTEER_KEY"), path_regex="^/api/(me|signups)(/(?!erase)|$)")
register(bearer("HULI_ERASING_KEY"), path="/api/me/erase")
register(bearer("HULI_DISPLAY_KEY"), path="/api/display")


# Nobody has this id or number: a request aimed at one of the run's own people goes
# there instead, in every phase (filters do not reach the coverage phase's requests).
NOBODY = {"id": "4611686018427387904", "number": "HL9999999", "link": "4611686018427387904"}


def aims_at_our_people(case):
    parameters = case.path_parameters or {}
    path = case.operation.path
    if path.startswith("/api/staff/accounts/"):
        return str(parameters.get("id")) in PROTECTED_ACCOUNTS and "id"
    if path.startswith("/api/staff/volunteers/"):
        number = str(parameters.get("number", "")).upper()
        return number == PROTECTED_VOLUNTEER and "number"
    if "/display-links/" in path:
        return str(parameters.get("link")) == PROTECTED_DISPLAY_LINK and "link"
    return False


@schemathesis.hook
def before_call(ctx, case, kwargs):
    name = aims_at_our_people(case)
    if name:
        case.path_parameters = {**case.path_parameters, name: NOBODY[name]}


# Problems a request body's schema states (a missing or blank field, a length, a range,
# a pattern, a list of choices): a schema-valid request never meets them. The others
# are rules JSON Schema cannot say (an end before its start, the account's current
# password, a point outside the district); the server refuses those with 422.
SHAPE_PROBLEMS = {
    "required", "not_an_integer", "out_of_range", "one_of", "invalid_phone", "too_long",
    "too_short", "not_plain_text", "consent_required",
    "invalid_idempotency_key", "invalid_access_key", "not_a_date", "invalid_time",
    "invalid_date_time", "not_a_colour", "not_an_origin", "not_a_second_factor_code",
    "notice_changed",
}


@schemathesis.check
def schema_valid_requests_meet_only_rules(ctx, response, case):
    """A 422 to a schema-valid request names only problems the schema cannot state."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    body = response.json()
    shaped = [
        f"{field['field']}: {field['problem']['kind']}"
        for field in body.get("fields", [])
        if field["problem"]["kind"] in SHAPE_PROBLEMS
    ]
    if shaped:
        raise AssertionError(
            "The schema allows what the server refuses for its shape: " + ", ".join(shaped)
        )
    return None
