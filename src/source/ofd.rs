//! Text of an OFD (GB/T 33190) file.

use super::layout::Paged;
use super::SourceError;

pub fn extract(_bytes: &[u8]) -> Result<Paged, SourceError> {
    Err(SourceError::Ofd("not yet".into()))
}
