//! Hostile and merely odd inputs: Chinese numerals with several scales, folders with links
//! and pipes, oversized settings, forged terminal output, baselines named differently.

mod common;

use common::{check, rule_ids};

#[test]
fn yi_then_wan_is_not_multiplied_twice() {
    // 二亿五千万 is 250,000,000, below 三亿: no "concluded more than received".
    let ok = check("t.txt", "全年收到三亿件,审结二亿五千万件。");
    assert!(!rule_ids(&ok).contains(&"concluded-le-received"), "{:?}", rule_ids(&ok));
    let bad = check("t.txt", "全年收到二亿件,审结二亿五千万件。");
    assert!(rule_ids(&bad).contains(&"concluded-le-received"), "{:?}", rule_ids(&bad));
}
