//! Print the report model of a file: title, year, dates, headings. A debugging aid for rule
//! authors: `cargo run --example dump_model -- seeds/000_*.txt`.
use fzlint::report::Report;

fn main() {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| fzlint::source::decode(&b).map(|(t, _)| t).map_err(|e| e.to_string()))
        {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let r = Report::build(&path, &text);
        println!("== {path}");
        println!("title: {:?}", r.title.as_ref().map(|t| r.slice(t.span)));
        println!("year: {:?}", r.year.map(|y| (y.value, y.source)));
        println!("published: {:?} signed: {:?}", r.published.map(|d| d.date), r.signed.map(|d| d.date));
        println!("paragraphs: {} sentences: {}", r.paragraphs.len(), r.sentences.len());
        for h in &r.headings {
            println!("{}{} {}", "  ".repeat(h.level as usize - 1), r.slice(h.marker), r.slice(h.title));
        }
    }
}
