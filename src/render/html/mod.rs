//! `--format html`: one self-contained page a reviewer double-clicks — an overview of the
//! folder (one row per report, sortable, filtered by severity, rule, numbers and words), each
//! report's text around its findings with every span highlighted, a card per finding, keyboard
//! navigation, a print sheet, and dismiss/confirm kept in the browser and exported as a baseline.
//!
//! Reports are untrusted. The page's data is JSON inside `<script type="application/json">`
//! with `<`, `>` and `&` written as `\u003c`…, so no report text is ever parsed as HTML; the
//! page's script puts it in the document as text nodes only. The Content-Security-Policy allows
//! nothing to load and only the page's own style and script to run (by their SHA-256).
//!
//! The page grows with the findings, not the reports: of each report it carries only the
//! windows of text around its findings ([`crate::window`]).

mod data;

use sha2::{Digest, Sha256};

use crate::engine::FileOutcome;
use crate::rules::RulePack;

const CSS: &str = include_str!("page.css");
const JS: &str = include_str!("page.js");

/// The whole page.
pub fn render(outcomes: &[FileOutcome], pack: &RulePack) -> String {
    let data = data::json(outcomes, pack);
    let csp = format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; img-src 'none'; form-action 'none'; base-uri 'none'",
        hash(CSS),
        hash(JS)
    );
    let mut out = String::with_capacity(data.len() + CSS.len() + JS.len() + 4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"fzlint ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\">\n<title>法治政府建设年度报告审查结果</title>\n<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(BODY);
    out.push_str("<script type=\"application/json\" id=\"fzlint-data\">");
    out.push_str(&data);
    out.push_str("</script>\n<script>");
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// The page's skeleton; the script fills it from the data.
const BODY: &str = r#"<header class="top">
<h1>法治政府建设年度报告审查结果</h1>
<p id="totals" class="totals"></p>
<noscript><p class="warn">此页面需要启用 JavaScript 才能显示审查结果。</p></noscript>
<form id="filters" class="filters" autocomplete="off">
<label>严重程度 <select id="f-severity"><option value="">全部</option><option value="error">错误</option><option value="warning">警告及以上</option><option value="info">提示及以上</option></select></label>
<label>规则 <select id="f-rule"><option value="">全部规则</option></select></label>
<label><input type="checkbox" id="f-numbers"> 只看数字问题</label>
<label>搜索 <input type="search" id="f-q" placeholder="标题、文件名或问题"></label>
<label><input type="checkbox" id="f-dismissed"> 显示已忽略的</label>
<button type="button" id="export">导出基线文件</button>
</form>
</header>
<main>
<section id="overview" class="overview">
<table id="reports"><thead><tr>
<th data-sort="title">报告</th><th data-sort="year">年度</th><th data-sort="published">发布日期</th><th data-sort="deadline">公开期限</th>
<th data-sort="e" class="n">错误</th><th data-sort="w" class="n">警告</th><th data-sort="i" class="n">提示</th><th>未通过的规则</th>
</tr></thead><tbody></tbody></table>
<p id="more-rows"></p>
<div id="unreadable"></div>
</section>
<section id="detail" class="detail"></section>
</main>
<footer class="help">键盘:j / n 下一处问题,k / p 上一处问题。确认、忽略保存在本浏览器中;“导出基线文件”生成可供 <code>fzlint check --baseline</code> 使用的文件(放在运行 fzlint 的文件夹中)。</footer>
"#;

/// `'sha256-…'` of an inline script or style, for the CSP.
fn hash(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
