//! A trace: from a lot or an EPC, forward to every holder and backward to every source.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{Lot, TraceLocation};

/// Which way a trace follows the goods.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TraceDirection {
    /// Where the goods went: the events naming them, the outputs they were transformed into, the
    /// containers they travelled in while inside.
    Forward,
    /// Where the goods came from: the events naming them, the inputs they were made of, the
    /// containers they travelled in while inside.
    Backward,
    /// Both (the default).
    #[default]
    Both,
}

/// What to trace: a GTIN and lot, or one EPC.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TraceQuery {
    /// The GTIN (8, 12, 13 or 14 digits with a valid check digit), with `lot`.
    pub gtin: Option<String>,
    /// The lot (batch) number, with `gtin`.
    pub lot: Option<String>,
    /// Instead of `gtin` and `lot`: one EPC, as an EPC URN (`urn:epc:id:sgtin:…`, `urn:epc:class:lgtin:…`)
    /// or a GS1 Digital Link (`https://id.gs1.org/01/…/21/…`).
    pub epc: Option<String>,
    /// `forward`, `backward` or `both` (the default).
    pub direction: Option<TraceDirection>,
    /// How many identifier changes (a transformation, a packing into a container) to follow, 1 to
    /// 20; 10 when absent.
    pub max_hops: Option<u32>,
}

/// How an identifier joined the trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TraceRelation {
    /// The identifier asked for.
    Start,
    /// Made from a traced identifier (a transformation's output, going forward).
    MadeFrom,
    /// An input a traced identifier was made of (going backward).
    InputOf,
    /// A container (pallet, case, shipment) a traced identifier was packed into; followed from
    /// the packing until it was unpacked.
    PackedIn,
}

/// An identifier the trace followed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TracedIdentifier {
    /// The identifier as a canonical GS1 Digital Link (or as captured when it is not a GS1 key).
    pub value: String,
    /// The GTIN it carries, if any.
    pub gtin: Option<String>,
    /// The lot it carries, if any.
    pub lot: Option<String>,
    /// How many identifier changes from the start (0 for the start).
    pub hop: u32,
    /// How it joined.
    pub relation: TraceRelation,
    /// The event that joined it (none for the start).
    pub via_event: Option<String>,
    /// It counts from this instant (a container from its packing, an output from its making).
    pub from: Option<DateTime<Utc>>,
    /// It counts until this instant (a container until its unpacking, an input until its use).
    pub until: Option<DateTime<Utc>>,
}

/// An event on the trail.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TracedEvent {
    /// Its `eventID` (the CBV hash when it was captured without one).
    pub event_id: String,
    /// `ObjectEvent`, `AggregationEvent`, `TransactionEvent`, `TransformationEvent` or `AssociationEvent`.
    pub event_type: String,
    /// When it happened.
    pub event_time: DateTime<Utc>,
    /// `ADD`, `OBSERVE` or `DELETE` (none for a transformation).
    pub action: Option<String>,
    /// The business step, as a GS1 web URI (`https://ref.gs1.org/cbv/BizStep-shipping`).
    pub biz_step: Option<String>,
    /// The disposition, as a GS1 web URI.
    pub disposition: Option<String>,
    /// Where it happened (the business location), as a canonical Digital Link.
    pub biz_location: Option<String>,
    /// The agency whose client captured it.
    pub captured_by: String,
    /// The traced identifiers it names.
    pub identifiers: Vec<String>,
    /// Its distance from the start, in identifier changes.
    pub hop: u32,
}

/// A quantity of a traced class (a GTIN and lot) at a holder, summed over the events of one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct HeldQuantity {
    /// The class, as a canonical Digital Link (`https://id.gs1.org/01/<gtin>/10/<lot>`).
    pub epc_class: String,
    /// The business step of the events it sums (none when they have none).
    pub biz_step: Option<String>,
    /// The quantity.
    pub quantity: f64,
    /// Its unit (UN/ECE Rec. 20 code, e.g. `KGM`); none for a count of items.
    pub uom: Option<String>,
}

/// A place the traced goods were at (an event's business location) or were sent to (a
/// shipment's destination), with the business that holds it and the agency responsible for it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Holder {
    /// The location as a canonical Digital Link (`https://id.gs1.org/414/<gln>`, with `/254/<extension>`
    /// for a sub-location).
    pub location: String,
    /// Its GLN, when it is a GS1 location.
    pub gln: Option<String>,
    /// The registered location its GLN stands for (`/api/v1/traceability/locations`), if any.
    pub registered: Option<TraceLocation>,
    /// The business's name, when the location is registered and its business recorded.
    pub business_name: Option<String>,
    /// The agency responsible for the holder: the lead agency of its business, or of the
    /// registered location when the business is not recorded; none for an unregistered GLN.
    pub responsible_agency: Option<String>,
    /// `true` when the goods were only sent there (a shipment's destination) and no event at the
    /// location has been captured yet.
    pub destination_only: bool,
    /// The first event there (or the shipment that named it).
    pub first_seen: DateTime<Utc>,
    /// The last event there.
    pub last_seen: DateTime<Utc>,
    /// How many trail events took place there.
    pub events: u32,
    /// The business steps seen there, as GS1 web URIs.
    pub biz_steps: Vec<String>,
    /// The traced classes' quantities there, by step.
    pub quantities: Vec<HeldQuantity>,
    /// How many distinct traced instance-level EPCs (serialised items, containers) were seen there.
    pub epcs: u32,
    /// The agencies whose clients captured the events there.
    pub captured_by: Vec<String>,
}

/// A trace (seed 001 Art. 10.1.h): the identifiers followed, the events on the trail in time order,
/// and every holder with the agency responsible for it — what DOST needs to coordinate a
/// cross-agency trace and what a recall's scope uses.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Trace {
    /// Which way it followed the goods.
    pub direction: TraceDirection,
    /// The lot asked for, as the events describe it (none for an EPC, or a lot no event names).
    pub lot: Option<Lot>,
    /// The identifiers followed, start first.
    pub identifiers: Vec<TracedIdentifier>,
    /// The events on the trail, oldest first (events declared in error are left out).
    pub events: Vec<TracedEvent>,
    /// The holders, in the order the goods reached them.
    pub holders: Vec<Holder>,
    /// The most identifier changes followed.
    pub hops: u32,
    /// `true` when the trail was cut at `max_hops` or at 10,000 events: narrow the question.
    pub truncated: bool,
}
