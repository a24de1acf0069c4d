//! Request and response types of the conformity registry.

mod body;
mod certificate;
mod declaration;
mod designation;
mod notification;

pub use body::{
    Accreditation, AccreditationStandard, AccreditationStatus, Activity, BodyListQuery, ConformityBody,
    ConformityBodyInput, ConformityBodyPage, Contact, Flag, Site, SiteKind,
};
pub use certificate::{
    Amend, Certificate, CertificateAction, CertificateActionName, CertificateListQuery, CertificatePage,
    CertificateStatus, CertificateSummary, CertificateVersion, CertificateVersionPage, NewCertificate, Reissue,
    Restore, Revocation, Sanction, ScopeItem, ScopeOnDate, ScopeQuery, Supplement,
};
pub use declaration::{
    Declaration, DeclarationAction, DeclarationActionName, DeclarationBasis, DeclarationFlag, DeclarationKind,
    DeclarationListQuery, DeclarationPage, DeclarationStatus, Evidence, NewDeclaration,
};
pub use designation::{
    Designation, DesignationAction, DesignationActionName, DesignationLapse, DesignationListQuery, DesignationPage,
    DesignationRevocation, DesignationStatus, NewDesignation,
};
pub use notification::{NotificationQuery, ProvinceNotification, ProvinceNotificationPage};

use chrono::{DateTime, NaiveDateTime, Utc};

/// A stored UTC timestamp as the API shows it.
pub(crate) fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}
