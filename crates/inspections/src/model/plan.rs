//! Annual inspection plans and what they list.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use tdc_regulations::model::DecisionRef;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// What an inspection looks at (seed 000 Art. 13, seed 001 Art. 10–11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InspectionKind {
    /// Goods at the place they are made.
    Production,
    /// Goods in circulation (shops, markets, warehouses).
    Circulation,
    /// Imported goods, with customs.
    Import,
    /// Goods sold on e-commerce platforms (the Department of Industry and Trade leads, seed 001 Art. 10.2.e).
    ECommerce,
    /// A registered testing, inspection or certification body.
    ConformityBody,
    /// Traceability of goods.
    Traceability,
    /// Measuring instruments, measurements and prepackaged quantities.
    Metrology,
    /// Labels.
    Label,
}

/// Where a plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    /// Being drafted by its agency; its content and items may change.
    Draft,
    /// Sent to the provincial inspectorate, which checks it against other agencies' plans.
    Submitted,
    /// Reviewed by the inspectorate; its agency approves it once no overlap is open.
    Reviewed,
    /// Approved by its agency's decision.
    Approved,
    /// Being amended after approval; its content and items may change, then it is submitted again.
    Amended,
    /// Withdrawn; its open overlaps were closed.
    Withdrawn,
}

/// An agency's annual inspection plan. Shared with every agency (never public: a plan says whom
/// an agency will inspect).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InspectionPlan {
    /// Who leads it (the planning agency), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The year it covers.
    #[schema(example = 2026)]
    pub year: i32,
    /// Its title, e.g. `Kế hoạch kiểm tra chất lượng hàng hóa năm 2026`.
    pub title: String,
    /// The legal basis it cites (laws, decrees, circulars, the province's decisions).
    pub legal_basis: String,
    /// The agency it came from when that agency has since merged (e.g. a former Hải Dương
    /// department), as the plan names it; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Where it stands.
    pub state: PlanState,
    /// The lifecycle actions that may be taken from `state`.
    pub next_actions: Vec<String>,
    /// The approving decision (from `approve`; the latest, when the plan was amended).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionRef>,
    /// How many items it lists (`GET …/items` pages them).
    pub item_count: i32,
    /// The overlap cases involving this plan that the inspectorate has not resolved; the plan
    /// cannot be approved while any is open.
    pub open_overlaps: Vec<String>,
}

tdc_kernel::shared_record!(InspectionPlan);

/// One thing a plan will inspect: a business (by tax code) or a product group (by category
/// code), of one kind, in one period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlanItem {
    /// Identifier (UUIDv7); kept when the plan is replaced and the item sent back with it.
    #[schema(format = "uuid")]
    pub id: String,
    /// The plan it belongs to.
    #[schema(format = "uuid")]
    pub plan_id: String,
    /// Its place in the plan, from 1.
    pub position: i32,
    /// What kind of inspection.
    pub kind: InspectionKind,
    /// The business to inspect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_code: Option<String>,
    /// The product group to inspect (a product category's code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_code: Option<String>,
    /// The commune where it takes place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_code: Option<String>,
    /// First day of the planned period.
    pub period_from: NaiveDate,
    /// Last day of the planned period.
    pub period_to: NaiveDate,
    /// A note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The plan's version this item belongs to.
    pub version: i32,
}

impl tdc_kernel::resource::Record for PlanItem {
    fn id(&self) -> &str {
        &self.id
    }
    fn version(&self) -> i32 {
        self.version
    }
    /// Items page by their place in the plan.
    fn cursor(&self) -> String {
        format!("{:06}", self.position)
    }
}

/// A plan's content: what `POST /api/v1/inspection-plans` records and `PUT` replaces (while the
/// plan is `draft` or `amended`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InspectionPlanInput {
    /// The year it covers.
    #[validate(range(min = 2000, max = 2100))]
    pub year: i32,
    /// Its title; unique per agency and year.
    #[validate(length(min = 1, max = 500))]
    pub title: String,
    /// The legal basis it cites.
    #[validate(length(min = 1, max = 4000))]
    pub legal_basis: String,
    /// The merged agency it came from, if any (kept as written).
    #[validate(length(min = 1, max = 300))]
    pub origin: Option<String>,
    /// Its items, at most 1000, in order.
    #[serde(default)]
    #[validate(length(max = 1000), nested)]
    pub items: Vec<PlanItemInput>,
    /// Agencies taking part (each recorded).
    #[serde(default)]
    #[validate(length(max = 50))]
    pub coordinating_agencies: Vec<String>,
    /// The planning agency; default: the caller's (another only for DOST's administrators).
    pub lead_agency: Option<String>,
}

/// One item of a plan's content.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PlanItemInput {
    /// The item's id when sending back an item the plan holds (an item in an open overlap case
    /// must keep its id, business and period); absent for a new item.
    #[schema(format = "uuid")]
    pub id: Option<String>,
    /// What kind of inspection.
    pub kind: InspectionKind,
    /// The business to inspect (a business in `/api/v1/businesses`); this or `category_code`.
    #[validate(custom(function = "tdc_directory::rules::tax_code"))]
    pub tax_code: Option<String>,
    /// The product group to inspect (a code in `/api/v1/product-categories`).
    #[validate(length(min = 1, max = 100))]
    pub category_code: Option<String>,
    /// The commune where it takes place (a unit code; a former unit's code is accepted).
    #[validate(length(min = 1, max = 20))]
    pub commune_code: Option<String>,
    /// First day of the planned period.
    pub period_from: NaiveDate,
    /// Last day of the planned period (not before the first, within the plan's year).
    pub period_to: NaiveDate,
    /// A note.
    #[validate(length(min = 1, max = 2000))]
    pub note: Option<String>,
}

/// A lifecycle action on a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanActionName {
    /// draft or amended → submitted (the planning agency): the hub checks it against the other
    /// agencies' plans and opens an overlap case for each business planned twice.
    Submit,
    /// submitted → reviewed (the provincial inspectorate).
    Review,
    /// reviewed → approved (the planning agency, with its `decision`); refused while an overlap is open.
    Approve,
    /// approved → amended (the planning agency, with a `reason`).
    Amend,
    /// → withdrawn (the planning agency, with a `reason`); closes the plan's open overlaps.
    Withdraw,
}

/// A move of a plan through its lifecycle.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PlanAction {
    /// The action.
    pub action: PlanActionName,
    /// The approving decision (required by `approve`).
    #[validate(nested)]
    pub decision: Option<DecisionRef>,
    /// Why (required by `amend` and `withdraw`; a note for the others).
    #[validate(length(min = 1, max = 4000))]
    pub reason: Option<String>,
}

/// Filters of the plan list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanListQuery {
    /// Only this agency's plans.
    pub agency: Option<String>,
    /// Only plans of this year.
    pub year: Option<i32>,
    /// Only plans in this state.
    pub state: Option<PlanState>,
    /// Only plans listing this business.
    pub tax_code: Option<String>,
    /// `true`: only plans with an open overlap; `false`: only plans without one.
    pub open_overlaps: Option<bool>,
}

tdc_kernel::page!(InspectionPlanPage of InspectionPlan, "A page of inspection plans.", "The plans on this page, oldest first.");
tdc_kernel::page!(PlanItemPage of PlanItem, "A page of a plan's items.", "The items on this page, in plan order.");
