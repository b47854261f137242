//! The built-in rule pack: the files of `rules/`, embedded so `fzlint check` works anywhere.

/// (name, text) of each built-in rule file, in name order.
pub const PACK: &[(&str, &str)] = &[
    ("rules/structure.yaml", include_str!("../rules/structure.yaml")),
    ("rules/content.yaml", include_str!("../rules/content.yaml")),
    ("rules/numbering.yaml", include_str!("../rules/numbering.yaml")),
    ("rules/numbers.yaml", include_str!("../rules/numbers.yaml")),
    ("rules/placeholders.yaml", include_str!("../rules/placeholders.yaml")),
];
