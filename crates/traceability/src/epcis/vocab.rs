//! The CBV 2.0 vocabularies whose values an event may give as bare words, each with the web URI
//! prefix a bare word stands for and, where CBV 1.x had one, its `urn:epcglobal:cbv:` URN prefix.

use super::json::{Json, items};

/// One CBV vocabulary.
#[derive(Debug)]
pub struct Vocabulary {
    /// The bare words it defines.
    pub words: &'static [&'static str],
    /// The web URI of a word is this prefix and the word.
    pub web_prefix: &'static str,
    /// The CBV 1.x URN of a word is this prefix and the word, where there is one.
    pub urn_prefix: Option<&'static str>,
}

/// Business steps (CBV 2.0 §7.1), as bare words; their web URI is `https://ref.gs1.org/cbv/BizStep-<word>`.
pub const BIZ_STEPS: Vocabulary = Vocabulary {
    words: &[
        "accepting",
        "arriving",
        "assembling",
        "collecting",
        "commissioning",
        "consigning",
        "creating_class_instance",
        "cycle_counting",
        "decommissioning",
        "departing",
        "destroying",
        "disassembling",
        "dispensing",
        "encoding",
        "entering_exiting",
        "holding",
        "inspecting",
        "installing",
        "killing",
        "loading",
        "other",
        "packing",
        "picking",
        "receiving",
        "removing",
        "repackaging",
        "repairing",
        "replacing",
        "reserving",
        "retail_selling",
        "sampling",
        "sensor_reporting",
        "shipping",
        "staging_outbound",
        "stock_taking",
        "stocking",
        "storing",
        "transporting",
        "unloading",
        "unpacking",
        "void_shipping",
    ],
    web_prefix: "https://ref.gs1.org/cbv/BizStep-",
    urn_prefix: Some("urn:epcglobal:cbv:bizstep:"),
};

/// Dispositions (CBV 2.0 §7.2); web URI `https://ref.gs1.org/cbv/Disp-<word>`.
pub const DISPOSITIONS: Vocabulary = Vocabulary {
    words: &[
        "active",
        "available",
        "completeness_verified",
        "completeness_inferred",
        "conformant",
        "container_closed",
        "container_open",
        "damaged",
        "destroyed",
        "dispensed",
        "disposed",
        "encoded",
        "expired",
        "in_progress",
        "in_transit",
        "inactive",
        "mismatch_instance",
        "mismatch_class",
        "mismatch_quantity",
        "needs_replacement",
        "no_pedigree_match",
        "non_conformant",
        "non_sellable_other",
        "partially_dispensed",
        "recalled",
        "reserved",
        "retail_sold",
        "returned",
        "sellable_accessible",
        "sellable_not_accessible",
        "stolen",
        "unavailable",
        "unknown",
    ],
    web_prefix: "https://ref.gs1.org/cbv/Disp-",
    urn_prefix: Some("urn:epcglobal:cbv:disp:"),
};

/// Business transaction types (CBV 2.0 §7.3); web URI `https://ref.gs1.org/cbv/BTT-<word>`.
pub const BIZ_TRANSACTION_TYPES: Vocabulary = Vocabulary {
    words: &[
        "bol",
        "cert",
        "desadv",
        "inv",
        "pedigree",
        "po",
        "poc",
        "prodorder",
        "recadv",
        "rma",
        "testprd",
        "testres",
        "upevt",
    ],
    web_prefix: "https://ref.gs1.org/cbv/BTT-",
    urn_prefix: Some("urn:epcglobal:cbv:btt:"),
};

/// Source and destination types (CBV 2.0 §7.4); web URI `https://ref.gs1.org/cbv/SDT-<word>`.
pub const SOURCE_DEST_TYPES: Vocabulary = Vocabulary {
    words: &["owning_party", "possessing_party", "location"],
    web_prefix: "https://ref.gs1.org/cbv/SDT-",
    urn_prefix: Some("urn:epcglobal:cbv:sdt:"),
};

/// Error reasons (CBV 2.0 §7.5); web URI `https://ref.gs1.org/cbv/ER-<word>`.
pub const ERROR_REASONS: Vocabulary = Vocabulary {
    words: &["did_not_occur", "incorrect_data"],
    web_prefix: "https://ref.gs1.org/cbv/ER-",
    urn_prefix: Some("urn:epcglobal:cbv:er:"),
};

/// Sensor report components (CBV 2.0 §7.7); web URI `https://ref.gs1.org/cbv/Comp-<word>`.
pub const COMPONENTS: Vocabulary = Vocabulary {
    words: &[
        "x",
        "y",
        "z",
        "axial_distance",
        "azimuth",
        "height",
        "spherical_radius",
        "polar_angle",
        "elevation_angle",
        "easting",
        "northing",
        "latitude",
        "longitude",
        "altitude",
    ],
    web_prefix: "https://ref.gs1.org/cbv/Comp-",
    urn_prefix: None,
};

/// Sensor alert types (CBV 2.0 §7.8); web URI `https://gs1.org/voc/<word>`.
pub const SENSOR_ALERT_TYPES: Vocabulary =
    Vocabulary { words: &["ALARM_CONDITION", "ERROR_CONDITION"], web_prefix: "https://gs1.org/voc/", urn_prefix: None };

/// Sensor measurement types (CBV 2.0 §7.6, from the GS1 Web Vocabulary); web URI `https://gs1.org/voc/<word>`.
pub const MEASUREMENT_TYPES: Vocabulary = Vocabulary {
    words: &[
        "AbsoluteHumidity",
        "AbsorbedDose",
        "AbsorbedDoseRate",
        "Acceleration",
        "Radioactivity",
        "Altitude",
        "AmountOfSubstance",
        "AmountOfSubstancePerUnitVolume",
        "Angle",
        "AngularAcceleration",
        "AngularMomentum",
        "AngularVelocity",
        "Area",
        "Capacitance",
        "Conductance",
        "Conductivity",
        "Count",
        "Density",
        "Dimensionless",
        "DoseEquivalent",
        "DoseEquivalentRate",
        "DynamicViscosity",
        "ElectricCharge",
        "ElectricCurrent",
        "ElectricCurrentDensity",
        "ElectricFieldStrength",
        "Energy",
        "Exposure",
        "Force",
        "Frequency",
        "Illuminance",
        "Inductance",
        "Irradiance",
        "KinematicViscosity",
        "Length",
        "LinearMomentum",
        "Luminance",
        "LuminousFlux",
        "LuminousIntensity",
        "MagneticFlux",
        "MagneticFluxDensity",
        "MagneticVectorPotential",
        "Mass",
        "MassConcentration",
        "MassFlowRate",
        "MassPerAreaTime",
        "MemoryCapacity",
        "MolalityOfSolute",
        "MolarEnergy",
        "MolarMass",
        "MolarVolume",
        "Power",
        "Pressure",
        "RadiantFlux",
        "RadiantIntensity",
        "RelativeHumidity",
        "Resistance",
        "Resistivity",
        "SolidAngle",
        "SpecificVolume",
        "Speed",
        "SurfaceDensity",
        "SurfaceTension",
        "Temperature",
        "Time",
        "Torque",
        "Voltage",
        "Volume",
        "VolumeFlowRate",
        "VolumeFraction",
        "VolumetricFlux",
        "Wavenumber",
    ],
    web_prefix: "https://gs1.org/voc/",
    urn_prefix: None,
};

/// The values of an event's vocabulary-typed fields, each with its vocabulary.
pub fn vocabulary_fields(event: &Json) -> Vec<(&str, &'static Vocabulary)> {
    let mut fields = Vec::new();
    fn push<'a>(
        fields: &mut Vec<(&'a str, &'static Vocabulary)>,
        value: Option<&'a Json>,
        vocabulary: &'static Vocabulary,
    ) {
        if let Some(s) = value.and_then(Json::as_str) {
            fields.push((s, vocabulary));
        }
    }
    let mut push = |value, vocabulary| push(&mut fields, value, vocabulary);
    push(event.get("bizStep"), &BIZ_STEPS);
    push(event.get("disposition"), &DISPOSITIONS);
    for key in ["set", "unset"] {
        for item in items(event.get("persistentDisposition").and_then(|p| p.get(key))) {
            push(Some(item), &DISPOSITIONS);
        }
    }
    for item in items(event.get("bizTransactionList")) {
        push(item.get("type"), &BIZ_TRANSACTION_TYPES);
    }
    for list in ["sourceList", "destinationList"] {
        for item in items(event.get(list)) {
            push(item.get("type"), &SOURCE_DEST_TYPES);
        }
    }
    push(event.get("errorDeclaration").and_then(|e| e.get("reason")), &ERROR_REASONS);
    for element in items(event.get("sensorElementList")) {
        for report in items(element.get("sensorReport")) {
            push(report.get("type"), &MEASUREMENT_TYPES);
            push(report.get("exception"), &SENSOR_ALERT_TYPES);
            push(report.get("component"), &COMPONENTS);
        }
    }
    fields
}
