//! Training and awareness activities (seed 000 Art. 14, seed 001 Art. 12, seed 003 §II.1.a–đ):
//! classes, seminars, forums, publications and media pieces, their organiser, audience, attendees
//! and topics, counted against the program targets.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// What kind of activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrainingKind {
    /// A training class (lớp tập huấn).
    Class,
    /// A seminar or workshop (hội thảo).
    Seminar,
    /// A forum or dialogue (diễn đàn, đối thoại).
    Forum,
    /// A publication: leaflets, handbooks, posters (ấn phẩm).
    Publication,
    /// A media piece: press, radio, television, online (truyền thông).
    Media,
}

impl TrainingKind {
    /// Whether people attend it (its `attendees` are required).
    pub fn attended(self) -> bool {
        matches!(self, TrainingKind::Class | TrainingKind::Seminar | TrainingKind::Forum)
    }
}

/// Whom it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Businesses and household businesses.
    Businesses,
    /// State officials (the agencies' and communes' staff).
    Officials,
    /// Consumers.
    Consumers,
    /// The public at large.
    Public,
    /// Several of these.
    Mixed,
}

/// An activity recorded by its organising agency (`POST /api/v1/training-activities`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TrainingInput {
    /// What kind.
    pub kind: TrainingKind,
    /// Its title, e.g. `Tập huấn ghi nhãn hàng hóa cho doanh nghiệp`.
    #[validate(length(min = 1, max = 500))]
    pub title: String,
    /// Its topics (1 to 20), e.g. `ghi nhãn hàng hóa`, `truy xuất nguồn gốc`.
    #[validate(length(min = 1, max = 20))]
    pub topics: Vec<String>,
    /// Whom it is for.
    pub audience: Audience,
    /// The day it was held or published.
    pub held_on: NaiveDate,
    /// Its last day, for one over several days.
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    /// Where.
    #[serde(default)]
    #[validate(length(min = 1, max = 500))]
    pub place: Option<String>,
    /// The commune where it was held.
    #[serde(default)]
    #[validate(length(min = 1, max = 20))]
    pub commune_code: Option<String>,
    /// How many attended (required for classes, seminars and forums).
    #[serde(default)]
    #[validate(range(min = 1, max = 1_000_000))]
    pub attendees: Option<u32>,
    /// How many copies, or how many people reached (publications and media).
    #[serde(default)]
    #[validate(range(min = 1, max = 100_000_000))]
    pub copies: Option<u32>,
    /// Agencies that organised it together with the caller's (they coordinate the record).
    #[serde(default)]
    #[validate(length(max = 20))]
    pub co_organisers: Vec<String>,
    /// The program target it counts against (`/api/v1/programs`).
    #[serde(default)]
    #[validate(length(min = 1, max = 64))]
    pub program_target_id: Option<String>,
}

/// A training or awareness activity. Its organiser leads it; shared with every agency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingActivity {
    /// The organising agency (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// What kind.
    pub kind: TrainingKind,
    /// Its title.
    pub title: String,
    /// Its topics.
    pub topics: Vec<String>,
    /// Whom it is for.
    pub audience: Audience,
    /// The day it was held or published.
    pub held_on: NaiveDate,
    /// Its last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_on: Option<NaiveDate>,
    /// Where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The commune.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_code: Option<String>,
    /// How many attended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendees: Option<u32>,
    /// How many copies, or people reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
    /// The program target it counts against.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub program_target_id: Option<String>,
}

tdc_kernel::shared_record!(TrainingActivity);
tdc_kernel::page!(TrainingPage of TrainingActivity, "A page of training and awareness activities.", "The activities on this page, oldest first.");

/// Filters of the activity list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrainingListQuery {
    /// Only those held in this year.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Only this kind.
    pub kind: Option<TrainingKind>,
    /// Only those counted against this program target.
    pub program_target_id: Option<String>,
}

/// Which year's progress, against which target (`GET …/progress`).
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrainingProgressQuery {
    /// The year.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: i32,
    /// The program target the activities count against (its value is the number of activities
    /// to hold); absent: every activity of the year.
    pub program_target_id: Option<String>,
}

/// A year's activities, counted against a program target.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingProgress {
    /// The year.
    pub year: i32,
    /// How many activities.
    pub activities: i64,
    /// How many of each kind.
    pub by_kind: std::collections::BTreeMap<String, i64>,
    /// How many people attended the classes, seminars and forums.
    pub attendees: i64,
    /// How many copies or people reached by publications and media.
    pub copies: i64,
    /// The target's value, when one is named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// `activities ÷ target`, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress_percent: Option<f64>,
}
