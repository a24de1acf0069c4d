//! Enumerations as they are stored and shown: the snake_case names serde gives their variants.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A unit variant's name, e.g. `in_effect` for `RegulationState::InEffect`.
pub fn name_of<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The variant with this name, if there is one (read straight from the text: nothing allocated).
pub fn parse_name<T: DeserializeOwned>(name: &str) -> Option<T> {
    let text = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name);
    T::deserialize(text).ok()
}

/// The variant a stored name stands for. The hub writes only names its enums know, so an unknown
/// one means the database was changed behind its back: this panics — the request fails with a 500
/// whose log names the value and the type — rather than let the value pass as some default.
pub fn stored<T: DeserializeOwned>(name: &str) -> T {
    parse_name(name)
        .unwrap_or_else(|| panic!("the database holds `{name}`, which is not a {}", std::any::type_name::<T>()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Sharing;

    #[test]
    fn names_round_trip() {
        assert_eq!(name_of(Sharing::Restricted), "restricted");
        assert_eq!(parse_name::<Sharing>("public"), Some(Sharing::Public));
        assert_eq!(parse_name::<Sharing>("everyone"), None);
        assert_eq!(stored::<Sharing>("shared"), Sharing::Shared);
    }

    #[test]
    #[should_panic(expected = "the database holds `everyone`, which is not a tdc_kernel::access::Sharing")]
    fn an_unknown_stored_name_fails_loudly() {
        let _: Sharing = stored("everyone");
    }
}
