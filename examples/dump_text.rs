//! Print the text fzlint reads from each file, with the page starts of PDF and OFD files:
//! `cargo run --example dump_text -- FILE...`.
fn main() {
    for path in std::env::args().skip(1) {
        let input = fzlint::source::Input::File(path.clone().into());
        match fzlint::source::read(&input) {
            Ok(s) => {
                println!("== {path} ({}), page starts {:?}", s.encoding, s.page_starts);
                println!("{}", s.text);
            }
            Err(e) => println!("== {path}: error: {e}"),
        }
    }
}
