//! Tagged unions made friendly to SDK generators. utoipa writes a serde internally tagged enum
//! (`#[serde(tag = "action")]` over newtype variants) as a `oneOf` of anonymous
//! `allOf: [{$ref: X}, {properties: {action: {enum: [v]}}}]`. Here each variant becomes a named
//! schema, the union gets a `discriminator` with its mapping, and the composed schemas lose their
//! `additionalProperties: false` (which would forbid the tag itself; the server still refuses
//! unknown fields).

use std::collections::BTreeMap;

use utoipa::openapi::schema::{Discriminator, Schema};
use utoipa::openapi::{OpenApi, Ref, RefOr};

/// Rewrites every tagged union of the document's components as described above.
pub fn discriminate(doc: &mut OpenApi) {
    let Some(components) = doc.components.as_mut() else { return };
    let (mut hoisted, mut composed) = (Vec::new(), Vec::new());
    for (name, schema) in components.schemas.iter_mut() {
        if let RefOr::T(Schema::OneOf(one_of)) = schema {
            rewrite_union(name, one_of, &mut hoisted, &mut composed);
        }
    }
    components.schemas.extend(hoisted);
    for name in composed {
        if let Some(RefOr::T(Schema::Object(obj))) = components.schemas.get_mut(&name) {
            obj.additional_properties = None;
        }
    }
}

/// The tag's name and value and the composed schema's name of one `allOf` variant.
fn tagged_variant(item: &RefOr<Schema>) -> Option<(String, String, String)> {
    let RefOr::T(Schema::AllOf(all_of)) = item else { return None };
    let target = all_of.items.iter().find_map(|p| match p {
        RefOr::Ref(r) => r.ref_location.rsplit('/').next().map(str::to_owned),
        RefOr::T(_) => None,
    })?;
    let tag = all_of.items.iter().find_map(|p| match p {
        RefOr::T(Schema::Object(obj)) if obj.properties.len() == 1 => obj.properties.iter().next(),
        _ => None,
    })?;
    let RefOr::T(Schema::Object(spec)) = tag.1 else { return None };
    let value = spec.enum_values.as_ref().filter(|e| e.len() == 1)?.first()?.as_str()?.to_owned();
    Some((tag.0.clone(), value, target))
}

fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

fn rewrite_union(
    name: &str,
    one_of: &mut utoipa::openapi::schema::OneOf,
    hoisted: &mut Vec<(String, RefOr<Schema>)>,
    composed: &mut Vec<String>,
) {
    let Some(variants) = one_of.items.iter().map(tagged_variant).collect::<Option<Vec<_>>>() else { return };
    let Some(tag) = variants.first().map(|v| v.0.clone()).filter(|t| variants.iter().all(|v| &v.0 == t)) else {
        return;
    };
    let mut mapping = BTreeMap::new();
    let mut refs = Vec::new();
    for ((_, value, target), item) in variants.into_iter().zip(one_of.items.iter()) {
        let variant = format!("{name}{}", pascal(&value));
        hoisted.push((variant.clone(), item.clone()));
        let reference = Ref::from_schema_name(variant);
        mapping.insert(value, reference.ref_location.clone());
        refs.push(RefOr::Ref(reference));
        composed.push(target);
    }
    one_of.items = refs;
    let mut discriminator = Discriminator::new(tag);
    discriminator.mapping = mapping;
    one_of.discriminator = Some(discriminator);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_variants_and_adds_the_discriminator() {
        let doc = crate::openapi::document();
        let schemas = &doc.components.as_ref().unwrap().schemas;
        let Some(RefOr::T(Schema::OneOf(union))) = schemas.get("RegulationAction") else { panic!("no union") };
        let discriminator = union.discriminator.as_ref().unwrap();
        assert_eq!(discriminator.property_name, "action");
        assert_eq!(discriminator.mapping["withdraw"], "#/components/schemas/RegulationActionWithdraw");
        assert!(schemas.contains_key("RegulationActionIssue"));
        let Some(RefOr::T(Schema::Object(closing))) = schemas.get("Closing") else { panic!("no Closing") };
        assert!(closing.additional_properties.is_none());
    }
}
