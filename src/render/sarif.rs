//! `--format sarif`: SARIF 2.1.0 for code-scanning views, built with `serde-sarif`. Every rule
//! of the pack is described in `tool.driver.rules`; every finding is one result. Columns are
//! UTF-16 code units, SARIF's default `columnKind`, and stated as such.

use std::collections::BTreeMap;

use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use crate::engine::FileOutcome;
use crate::finding::Severity;
use crate::rules::{applies, RulePack};

const INFORMATION_URI: &str = "https://github.com/fzlint/fzlint";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative, with `/` separators and
/// percent-encoding for everything but unreserved characters.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn text(s: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s.into()).build()
}

pub fn render(outcomes: &[FileOutcome], pack: &RulePack) -> String {
    let rules: Vec<ReportingDescriptor> = pack
        .rules
        .iter()
        .map(|r| {
            let m = &r.meta;
            let mut full = m.message.clone();
            if let Some(u) = &m.url {
                full.push_str(&format!("(依据:{u})"));
            }
            let config = ReportingConfiguration::builder().level(serde_json::json!(level(m.severity))).build();
            let mut d = ReportingDescriptor::builder()
                .id(m.id.clone())
                .name(m.display_name().to_string())
                .short_description(text(m.message.clone()))
                .full_description(text(full))
                .default_configuration(config)
                .build();
            if let Some(h) = &m.help {
                d.help = Some(text(h.clone()));
            }
            if let Some(u) = m.url.as_ref().filter(|u| u.starts_with("http")) {
                d.help_uri = Some(u.clone());
            }
            d
        })
        .chain((!pack.kinds.is_empty()).then(|| {
            // The finding for a document of none of the kinds some rules apply to.
            let names = pack.kinds.iter().map(|k| k.name.as_str()).collect::<Vec<_>>().join("或");
            let message = format!("未识别为{names}:只检查了适用于所有文件的规则");
            let config = ReportingConfiguration::builder().level(serde_json::json!(level(Severity::Info))).build();
            ReportingDescriptor::builder()
                .id(applies::UNRECOGNISED.to_string())
                .name("document".to_string())
                .short_description(text(message.clone()))
                .full_description(text(message))
                .default_configuration(config)
                .build()
        }))
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for o in outcomes {
        let found = match &o.result {
            Ok(found) => found,
            Err(e) => {
                // A file that could not be read: a tool execution notification, with its path.
                let physical = PhysicalLocation::builder()
                    .artifact_location(ArtifactLocation::builder().uri(uri(&o.path)).build())
                    .build();
                notifications.push(
                    Notification::builder()
                        .message(Message::builder().text(e.to_string()).build())
                        .level(serde_json::json!("error"))
                        .locations(vec![Location::builder().physical_location(physical).build()])
                        .build(),
                );
                continue;
            }
        };
        for l in found {
            let f = &l.finding;
            let region = Region::builder()
                .start_line(l.start.line as i64)
                .start_column(l.utf16_columns.0 as i64)
                .end_line(l.end.line as i64)
                .end_column(l.utf16_columns.1 as i64)
                .build();
            let physical = PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri(&o.path)).build())
                .region(region)
                .build();
            let related: Vec<Location> = f
                .related
                .iter()
                .zip(l.related.iter().zip(&l.related_ends))
                .enumerate()
                .map(|(i, (r, (start, (end, columns))))| {
                    let region = Region::builder()
                        .start_line(start.line as i64)
                        .start_column(columns.0 as i64)
                        .end_line(end.line as i64)
                        .end_column(columns.1 as i64)
                        .build();
                    let physical = PhysicalLocation::builder()
                        .artifact_location(ArtifactLocation::builder().uri(uri(&o.path)).build())
                        .region(region)
                        .build();
                    Location::builder()
                        .id(i as i64)
                        .physical_location(physical)
                        .message(Message::builder().text(r.label.clone()).build())
                        .build()
                })
                .collect();
            let mut fingerprints = BTreeMap::new();
            fingerprints.insert("fzlint/v1".to_string(), crate::baseline::fingerprint(l));
            let result = SarifResult::builder()
                .rule_id(f.rule.clone())
                .level(match f.severity {
                    Severity::Error => ResultLevel::Error,
                    Severity::Warning => ResultLevel::Warning,
                    Severity::Info => ResultLevel::Note,
                })
                .message(Message::builder().text(f.message.clone()).build())
                .locations(vec![Location::builder().physical_location(physical).build()])
                .partial_fingerprints(fingerprints)
                .build();
            let mut result = result;
            if !related.is_empty() {
                result.related_locations = Some(related);
            }
            results.push(result);
        }
    }
    let driver = ToolComponent::builder()
        .name("fzlint".to_string())
        .version(env!("CARGO_PKG_VERSION").to_string())
        .information_uri(INFORMATION_URI.to_string())
        .rules(rules)
        .build();
    let mut invocation = Invocation::builder().execution_successful(notifications.is_empty()).build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .invocations(vec![invocation])
        .results(results)
        .column_kind(serde_json::json!("utf16CodeUnits"))
        .build();
    let sarif = Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json".to_string())
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut s = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    s.push('\n');
    s
}
