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
        let human = render::render(Format::Human, &outcomes, &HumanOptions { color: false, width: 100 });
        let json = render::render(Format::Json, &outcomes, &HumanOptions::default());
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
            insta::assert_snapshot!(format!("human_{stem}"), human);
            insta::assert_snapshot!(format!("json_{stem}"), json);
        });
    }
}
