//! Any bytes as a Word document: an error or text, never a panic, hang or huge allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = fzlint::source::docx::extract_with_headings(data);
});
