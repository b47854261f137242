//! Print every quantity fzlint reads in a file: `cargo run --example dump_quantities -- FILE`.
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let folded = fzlint::text::Folded::new(&text);
        for q in fzlint::quantity::scan(&folded.text) {
            println!(
                "{}\t{:?}\t{}\t{}\t{:?}",
                &folded.text[q.span.start..q.span.end],
                q.value,
                q.unit,
                q.decimals,
                q.exactness
            );
        }
    }
}
