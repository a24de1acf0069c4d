//! The conformity registry's door: what other domains call. Its `store` and `http` modules are
//! private.

use tdc_kernel::access::Reader;
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::{ApiError, HomeProvince};

use crate::model::{Certificate, CertificateAction, ConformityBody, Declaration, DeclarationListQuery, Sanction};

/// Suspends (or, with `revoke`, revokes) registration certificate `id` by the `sanction`'s decision
/// — what a sanction against a conformity assessment body does (seed 001 Art. 8, 11) — as the
/// registry's own `suspend` and `revoke` actions: the writer must be allowed to take them, the
/// certificate's chain gains a version, the move is logged and in the change feed.
pub fn sanction_certificate(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    home: &HomeProvince,
    id: &str,
    revoke: bool,
    sanction: Sanction,
) -> Result<(Certificate, Transition), ApiError> {
    let action = if revoke { CertificateAction::Revoke(sanction) } else { CertificateAction::Suspend(sanction) };
    crate::store::certificates::apply(conn, actor, writer, home, id, &action, None)
}

/// The first 50 conformity declarations of the product with this GTIN that `reader` may see
/// (a product's public page shows them).
pub fn declarations_of_gtin(
    conn: &mut AnyConnection,
    reader: &Reader,
    gtin: &str,
) -> Result<Vec<Declaration>, ApiError> {
    let filter = DeclarationListQuery { gtin: Some(gtin.to_owned()), ..Default::default() };
    let mut found = crate::store::declarations::list(conn, reader, &filter, None, 49)?;
    found.truncate(50);
    Ok(found)
}

/// A conformity assessment body by id, as `reader` may see it (404 otherwise): a survey's
/// laboratory is one that tests.
pub fn body(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<ConformityBody, ApiError> {
    crate::store::bodies::get(conn, reader, id)
}
