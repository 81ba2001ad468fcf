//! The satisfaction survey (学员满意度测评, Art. 8, 14): the admin keeps the
//! standard questionnaire, versioned; the host institution adds its own
//! items, opens and closes its programme's survey; each admitted trainee
//! answers once, anonymously; statistics from five answers up, for the
//! institution, its unit, the admin and inspectors, and as the Excel
//! table the closing materials need.

mod admin_page;
mod api;
mod my_page;
#[cfg(feature = "ssr")]
pub mod repo;
mod staff_page;
mod stats_view;
#[cfg(feature = "ssr")]
pub mod xlsx;

pub use admin_page::QuestionnairePage;
#[cfg(feature = "ssr")]
pub(crate) use api::ssr::view as survey_view;
pub use api::{
    my_survey, questionnaire, survey_overview, AddStandardItem, AddSurveyItem, MySurvey,
    Questionnaire, RemoveStandardItem, RemoveSurveyItem, SetSurveyState, SubmitSurvey,
    SurveyOverview,
};
pub use my_page::MySurveyPage;
pub use staff_page::SurveyPage;

use serde::{Deserialize, Serialize};

use crate::domain::survey::{Item, ScoreStats, SurveyState};

/// What one item's answers add up to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figures {
    Score(ScoreStats),
    /// Answers per option, in the options' order.
    Choice(Vec<i64>),
    /// The free texts, without author, in text order.
    Text(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemStats {
    pub item: Item,
    pub figures: Figures,
}

/// A programme's survey as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyView {
    pub programme_id: i64,
    pub topic: String,
    /// None: not set up yet.
    pub state: Option<SurveyState>,
    /// The standard questionnaire's version it uses (or would use).
    pub version: i64,
    /// The whole form as trainees see it.
    pub items: Vec<Item>,
    /// The institution's own items.
    pub extra: Vec<Item>,
    pub admitted: i64,
    pub answered: i64,
    /// Only from `MIN_ANSWERS_FOR_STATS` answers up; never sent before.
    pub stats: Option<Vec<ItemStats>>,
    /// The host institution may change it.
    pub may_edit: bool,
    /// The programme has begun: the survey may open.
    pub may_open: bool,
}

/// The trainee's survey page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySurveyView {
    pub programme_id: i64,
    pub topic: String,
    pub state: Option<SurveyState>,
    pub answered: bool,
    /// The form, while it is open and not answered.
    pub items: Vec<Item>,
}

/// One version of the standard questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRow {
    pub version: i64,
    pub items: i64,
    pub published_at: i64,
    pub published_by: Option<String>,
    /// Programmes whose survey uses it.
    pub programmes: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnaireView {
    pub version: i64,
    pub items: Vec<Item>,
    pub versions: Vec<VersionRow>,
}

/// A survey that a trainee may answer now, for the home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyDue {
    pub programme_id: i64,
    pub topic: String,
}
