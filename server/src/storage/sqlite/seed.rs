//! Loading a whole programme into an empty database, in batches.

use super::rows::to_text;
use crate::storage::{SeedData, StorageResult};
use huli_contract::ReviewStatus;
use sqlx::{QueryBuilder, Sqlite, Transaction};

/// Rows per multi-row INSERT while seeding: well under SQLite's bound-parameter limit.
const SEED_BATCH: usize = 400;

pub(super) async fn insert_seed(
    tx: &mut Transaction<'static, Sqlite>,
    data: &SeedData,
) -> StorageResult<()> {
    insert_batched(
        tx,
        "INSERT INTO partner_units (id, name_zh, name_en, kind) ",
        &data.units,
        |mut b, (id, unit)| {
            b.push_bind(id)
                .push_bind(&unit.name.zh)
                .push_bind(&unit.name.en)
                .push_bind(to_text(&unit.kind));
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO service_points (id, name_zh, name_en, category, lat, lon, \
         location_approximate, address_zh, address_en, sub_district, opening_hours) ",
        &data.points,
        |mut b, (id, point)| {
            b.push_bind(id)
                .push_bind(&point.name.zh)
                .push_bind(&point.name.en)
                .push_bind(to_text(&point.category))
                .push_bind(point.location.lat())
                .push_bind(point.location.lon())
                .push_bind(true)
                .push_bind(&point.address.zh)
                .push_bind(&point.address.en)
                .push_bind(to_text(&point.sub_district))
                .push_bind(
                    serde_json::to_string(&point.opening_hours).expect("opening hours serialise"),
                );
        },
    )
    .await?;
    // Each point's display derives its rotating check-in code from a secret of its own.
    sqlx::query("UPDATE service_points SET code_secret = randomblob(32) WHERE code_secret IS NULL")
        .execute(&mut **tx)
        .await?;
    let services: Vec<(i64, String)> = positions(&data.points)
        .flat_map(|(id, p)| p.services.iter().map(move |s| (id, to_text(s))))
        .collect();
    insert_batched(
        tx,
        "INSERT INTO point_services (point_id, service) ",
        &services,
        |mut b, (_, (point, service))| {
            b.push_bind(point).push_bind(service);
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
        |mut b, (_, (unit, point))| {
            b.push_bind(unit).push_bind(point);
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO teams (id, name_zh, name_en, kind, unit_id) ",
        &data.teams,
        |mut b, (id, team)| {
            b.push_bind(id)
                .push_bind(&team.name.zh)
                .push_bind(&team.name.en)
                .push_bind(team.kind)
                .push_bind(team.unit_id);
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO volunteers (id, name, phone, team_id, registered_at) ",
        &data.volunteers,
        |mut b, (id, v)| {
            b.push_bind(id)
                .push_bind(&v.name)
                .push_bind(v.phone.as_str())
                .push_bind(v.team_id)
                .push_bind(v.registered_at.timestamp());
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO shifts (id, point_id, organiser_unit_id, duty, starts_at, ends_at, capacity, \
         insured, required_training) ",
        &data.shifts,
        |mut b, (id, s)| {
            b.push_bind(id)
                .push_bind(s.point_id)
                .push_bind(s.organiser_unit_id)
                .push_bind(to_text(&s.duty))
                .push_bind(s.window.starts_at().timestamp())
                .push_bind(s.window.ends_at().timestamp())
                .push_bind(s.capacity)
                .push_bind(s.insured)
                .push_bind(s.required_training.as_ref().map(to_text));
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO volunteer_trainings (volunteer_id, training, completed_at) ",
        &data.trainings,
        |mut b, (_, t)| {
            b.push_bind(t.volunteer_id)
                .push_bind(to_text(&t.training))
                .push_bind(t.completed_at.timestamp());
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO signups (id, shift_id, volunteer_id, status, created_at) ",
        &data.signups,
        |mut b, (id, s)| {
            b.push_bind(id)
                .push_bind(s.shift_id)
                .push_bind(s.volunteer_id)
                .push_bind("confirmed")
                .push_bind(s.created_at.timestamp());
        },
    )
    .await?;
    insert_batched(
        tx,
        "INSERT INTO attendance (signup_id, checked_in_at, checked_out_at, check_in_method, \
         minutes, status, reviewed_at) ",
        &data.attendance,
        |mut b, (_, a)| {
            let reviewed_at =
                (a.status != ReviewStatus::Pending).then(|| a.checked_out_at.timestamp());
            b.push_bind(a.signup_id)
                .push_bind(a.checked_in_at.timestamp())
                .push_bind(a.checked_out_at.timestamp())
                .push_bind("rotating_code")
                .push_bind(i64::try_from(a.minutes.0).unwrap_or(i64::MAX))
                .push_bind(to_text(&a.status))
                .push_bind(reviewed_at);
        },
    )
    .await?;
    Ok(())
}

/// Items with their 1-based ids, the ids `SeedData` rows refer to each other by.
fn positions<T>(items: &[T]) -> impl Iterator<Item = (i64, &T)> {
    (1i64..).zip(items)
}

/// Multi-row INSERTs in batches: seeding a year of history row by row would take
/// seconds, in batches it takes a fraction of one.
async fn insert_batched<'a, T>(
    tx: &mut Transaction<'static, Sqlite>,
    head: &str,
    items: &'a [T],
    bind: impl Fn(sqlx::query_builder::Separated<'_, 'a, Sqlite, &'static str>, (i64, &'a T)) + Copy,
) -> StorageResult<()> {
    let numbered: Vec<(i64, &'a T)> = positions(items).collect();
    for chunk in numbered.chunks(SEED_BATCH) {
        let mut builder: QueryBuilder<'a, Sqlite> = QueryBuilder::new(head);
        builder.push_values(chunk.iter().copied(), bind);
        builder.build().execute(&mut **tx).await?;
    }
    Ok(())
}
