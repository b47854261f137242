//! Snapshots of the human and JSON output for each seed (no colour, width 100). Review every
//! `.snap` like code: it is what a reviewer will read.

mod common;

use fzlint::engine;
use fzlint::render::{self, human::HumanOptions, Format};
use fzlint::source::Input;

fn outcome(name: &str) -> Vec<engine::FileOutcome> {
    std::env::set_current_dir(common::root()).unwrap();
    let input = Input::File(format!("seeds/{name}").into());
    vec![engine::check_input(&input, &common::builtin())]
}

#[test]
fn human_and_json_per_seed() {
    for (name, _) in common::seeds() {
        let outcomes = outcome(&name);
        let stem = name.split('_').next().unwrap().to_string();
        let pack = common::builtin();
        let human = render::render(
            Format::Human,
            &outcomes,
            &pack,
            &HumanOptions { color: false, width: 100, ..Default::default() },
        );
        let json = render::render(Format::Json, &outcomes, &pack, &HumanOptions::default());
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
            insta::assert_snapshot!(format!("human_{stem}"), human);
            insta::assert_snapshot!(format!("json_{stem}"), json);
        });
    }
}

#[test]
fn sarif_github_and_summary() {
    let outcomes = outcome("002_95c6190906e8dcd1.txt");
    let pack = common::builtin();
    let opts = HumanOptions::default();
    let github = render::render(Format::Github, &outcomes, &pack, &opts);
    let summary = render::render(Format::Summary, &outcomes, &pack, &opts);
    // SARIF: the results only (the rule list is long and checked elsewhere).
    let sarif: serde_json::Value =
        serde_json::from_str(&render::render(Format::Sarif, &outcomes, &pack, &opts)).unwrap();
    let results = serde_json::to_string_pretty(&sarif["runs"][0]["results"]).unwrap();
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!("github_002", github);
        insta::assert_snapshot!("summary_002", summary);
        insta::assert_snapshot!("sarif_results_002", results);
    });
}
