//! Any bytes as a saved web page: an error or text, never a panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = fzlint::source::html::extract(data) {
        assert!(!text.is_empty());
    }
});
