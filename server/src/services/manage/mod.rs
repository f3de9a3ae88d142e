//! What staff change in the programme: points, partner units and their pairing with
//! points, teams, shifts (one by one and from weekly templates) and insurance records.
//!
//! Every change is checked against the account's role and written with its audit log
//! entry in one transaction, rolled back whole when refused. A coordinator manages its
//! own unit: shifts it organises (created only at the point it is paired with), the
//! details of that point, its teams and their insurance. Units and pairings are the
//! administrators'.

pub mod places;
pub mod shifts;

use crate::storage::{Outcome, Refusal, StorageResult, WriteTx};
use huli_contract::{ErrorCode, Problem};

/// Keeps the transaction's writes only if the change was accepted.
async fn commit_if_accepted<T>(
    tx: Box<dyn WriteTx>,
    outcome: Outcome<T>,
) -> StorageResult<Outcome<T>> {
    if outcome.is_ok() {
        tx.commit().await?;
    }
    Ok(outcome)
}

fn not_allowed<T>() -> StorageResult<Outcome<T>> {
    Ok(Err(Refusal::Rule(ErrorCode::NotAllowed)))
}

fn refused_field<T>(field: &str, problem: Problem) -> StorageResult<Outcome<T>> {
    Ok(Err(Refusal::Field(field.to_owned(), problem)))
}
