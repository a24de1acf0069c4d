//! An EPCIS document as captured: an `EPCISDocument` (or an `EPCISQueryDocument`, which the REST
//! binding lets `/capture` accept too) and the events it carries.

use super::json::Json;

/// A parsed document: its `@context` and its events, in order.
#[derive(Debug)]
pub struct Document {
    /// The document's `@context` as sent.
    pub context: Option<Json>,
    /// The events, as sent.
    pub events: Vec<Json>,
}

/// Why a body is not an EPCIS document.
#[derive(Debug, PartialEq)]
pub struct NotADocument(pub String);

impl Document {
    /// The document in `body`.
    pub fn parse(body: &[u8]) -> Result<Document, NotADocument> {
        let mut root: Json =
            serde_json::from_slice(body).map_err(|e| NotADocument(format!("the body is not JSON: {e}")))?;
        let kind = root.get("type").and_then(Json::as_str).unwrap_or_default().to_owned();
        let mut body =
            root.take("epcisBody").ok_or_else(|| NotADocument("an EPCIS document has an `epcisBody`".into()))?;
        let events = match kind.as_str() {
            "EPCISDocument" => match (body.take("eventList"), body.take("event")) {
                (Some(Json::Array(events)), _) => events,
                (None, Some(event @ Json::Object(_))) => vec![event],
                _ => return Err(NotADocument("`epcisBody` holds an `eventList` array".into())),
            },
            "EPCISQueryDocument" => {
                let list = body
                    .take("queryResults")
                    .and_then(|mut q| q.take("resultsBody"))
                    .and_then(|mut r| r.take("eventList"));
                match list {
                    Some(Json::Array(events)) => events,
                    _ => {
                        return Err(NotADocument(
                            "`epcisBody.queryResults.resultsBody` holds an `eventList` array".into(),
                        ));
                    }
                }
            }
            _ => return Err(NotADocument("`type` is `EPCISDocument` or `EPCISQueryDocument`".into())),
        };
        Ok(Document { context: root.take("@context"), events })
    }
}
