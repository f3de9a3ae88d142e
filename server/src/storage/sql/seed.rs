//! Loading a whole programme into an empty database, in batches.

use super::dialect::Dialect;
use super::rows::to_text;
use crate::storage::{SeedData, StorageResult};
use huli_contract::ReviewStatus;
use rand::TryRngCore;
use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Encode, Transaction, Type};

/// Rows per multi-row INSERT while seeding: well under SQLite's bound-parameter limit.
const SEED_BATCH: usize = 400;

pub(super) async fn insert_seed(
    tx: &mut Transaction<'static, Any>,
    data: &SeedData,
) -> StorageResult<()> {
    insert_batched(
        tx,
        "INSERT INTO partner_units (id, name_zh, name_en, kind) ",
        &data.units,
        |b, (id, unit)| {
            b.bind(id)
                .bind(&unit.name.zh)
                .bind(&unit.name.en)
                .bind(to_text(&unit.kind));
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO service_points (id, name_zh, name_en, category, lat, lon, \
         location_approximate, address_zh, address_en, sub_district, opening_hours, code_secret) ",
        &data.points,
        |b, (id, point)| {
            b.bind(id)
                .bind(&point.name.zh)
                .bind(&point.name.en)
                .bind(to_text(&point.category))
                .bind(point.location.lat())
                .bind(point.location.lon())
                .bind(1_i64)
                .bind(&point.address.zh)
                .bind(&point.address.en)
                .bind(to_text(&point.sub_district))
                .bind(serde_json::to_string(&point.opening_hours).expect("opening hours serialise"))
                .bind(code_secret());
        },
    )
    .await?;
    let services: Vec<(i64, String)> = positions(&data.points)
        .flat_map(|(id, p)| p.services.iter().map(move |s| (id, to_text(s))))
        .collect();
    insert_batched(
        tx,
        "INSERT INTO point_services (point_id, service) ",
        &services,
        |b, (_, (point, service))| {
            b.bind(point).bind(service);
        },
    )
    .await?;
    let pairs: Vec<(i64, i64)> = positions(&data.points)
        .flat_map(|(id, p)| p.partner_units.iter().map(move |unit| (*unit, id)))
        .collect();
    insert_batched(
        tx,
        "INSERT INTO point_partners (unit_id, point_id) ",
        &pairs,
        |b, (_, (unit, point))| {
            b.bind(unit).bind(point);
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO teams (id, name_zh, name_en, kind, unit_id) ",
        &data.teams,
        |b, (id, team)| {
            b.bind(id)
                .bind(&team.name.zh)
                .bind(&team.name.en)
                .bind(team.kind)
                .bind(team.unit_id);
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO volunteers (id, name, phone, team_id, registered_at) ",
        &data.volunteers,
        |b, (id, v)| {
            b.bind(id)
                .bind(&v.name)
                .bind(v.phone.as_str())
                .bind(v.team_id)
                .bind(v.registered_at.timestamp());
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO shifts (id, point_id, organiser_unit_id, duty, starts_at, ends_at, capacity, \
         insured, required_training) ",
        &data.shifts,
        |b, (id, s)| {
            b.bind(id)
                .bind(s.point_id)
                .bind(s.organiser_unit_id)
                .bind(to_text(&s.duty))
                .bind(s.window.starts_at().timestamp())
                .bind(s.window.ends_at().timestamp())
                .bind(i64::from(s.capacity))
                .bind(i64::from(s.insured))
                .bind(s.required_training.as_ref().map(to_text));
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO volunteer_trainings (volunteer_id, training, completed_at, expires_on) ",
        &data.trainings,
        |b, (_, t)| {
            b.bind(t.volunteer_id)
                .bind(to_text(&t.training))
                .bind(t.completed_at.timestamp())
                .bind(t.expires_on.map(|day| day.to_string()));
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO signups (id, shift_id, volunteer_id, status, created_at) ",
        &data.signups,
        |b, (id, s)| {
            b.bind(id)
                .bind(s.shift_id)
                .bind(s.volunteer_id)
                .bind("confirmed")
                .bind(s.created_at.timestamp());
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO attendance (signup_id, checked_in_at, checked_out_at, check_in_method, \
         minutes, status, reviewed_at) ",
        &data.attendance,
        |b, (_, a)| {
            let reviewed_at =
                (a.status != ReviewStatus::Pending).then(|| a.checked_out_at.timestamp());
            b.bind(a.signup_id)
                .bind(a.checked_in_at.timestamp())
                .bind(a.checked_out_at.timestamp())
                .bind("rotating_code")
                .bind(i64::try_from(a.minutes.0).unwrap_or(i64::MAX))
                .bind(to_text(&a.status))
                .bind(reviewed_at);
        },
    )
    .await?;
    advance_id_sequences(tx).await
}

/// Items with their 1-based ids, the ids `SeedData` rows refer to each other by.
fn positions<T>(items: &[T]) -> impl Iterator<Item = (i64, &T)> {
    (1i64..).zip(items)
}

/// Each point's display derives its rotating check-in code from a secret of its own.
fn code_secret() -> Vec<u8> {
    let mut secret = vec![0; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut secret)
        .expect("the operating system provides randomness");
    secret
}

/// Rows for one multi-row INSERT, numbering placeholders `$1`, `$2`, … as both
/// databases read them.
struct Values<'a> {
    sql: String,
    arguments: AnyArguments<'a>,
    count: usize,
    in_row: usize,
}

impl<'a> Values<'a> {
    fn bind<T: Encode<'a, Any> + Type<Any> + 'a>(&mut self, value: T) -> &mut Self {
        self.count += 1;
        let separator = if self.in_row == 0 { "" } else { ", " };
        self.sql.push_str(&format!("{separator}${}", self.count));
        self.in_row += 1;
        self.arguments
            .add(value)
            .expect("seed values encode for every backend");
        self
    }
}

/// Multi-row INSERTs in batches: seeding a year of history row by row would take
/// seconds, in batches it takes a fraction of one.
async fn insert_batched<'a, T>(
    tx: &mut Transaction<'static, Any>,
    head: &str,
    items: &'a [T],
    bind: impl Fn(&mut Values<'a>, (i64, &'a T)) + Copy,
) -> StorageResult<()> {
    let numbered: Vec<(i64, &'a T)> = positions(items).collect();
    for chunk in numbered.chunks(SEED_BATCH) {
        let mut values = Values {
            sql: format!("{head}VALUES "),
            arguments: AnyArguments::default(),
            count: 0,
            in_row: 0,
        };
        for (i, item) in chunk.iter().copied().enumerate() {
            values.sql.push_str(if i == 0 { "(" } else { "), (" });
            values.in_row = 0;
            bind(&mut values, item);
        }
        values.sql.push(')');
        sqlx::query_with(&values.sql, values.arguments)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// PostgreSQL hands out ids from a sequence, which the seed's own ids did not advance.
async fn advance_id_sequences(tx: &mut Transaction<'static, Any>) -> StorageResult<()> {
    if Dialect::of(tx) != Dialect::Postgres {
        return Ok(());
    }
    for table in [
        "partner_units",
        "service_points",
        "teams",
        "volunteers",
        "shifts",
        "signups",
        "attendance",
    ] {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                    COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        ))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
