//! Any text as a rule file: either errors, or a pack that then runs on a report without
//! panicking. Hostile `assert` expressions must be refused at load, never run away.
#![no_main]

use fzlint::engine::check_text;
use fzlint::rules::{load_pack, PackOptions, PackSource};
use libfuzzer_sys::fuzz_target;

const REPORT: &str = "某县2023年法治政府建设年度报告\n一、主要成效\n全年共受理行政复议案件224件,办结168件,\
其中调解12件、撤销3件。行政应诉案件30件,败诉率10%。\n二、存在的不足\n三、下一步工作安排\n2024年将继续推进。\n\
某县人民政府\n2024年3月1日\n";

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else { return };
    let files = [("fuzz.yaml", yaml)];
    if let Ok(pack) = load_pack(&[PackSource::Embedded(&files)], &PackOptions::default()) {
        let _ = check_text("r.txt", REPORT, &pack);
    }
});
