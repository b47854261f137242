//! Why a file could not be read, in the user's language. `Display` of [`SourceError`] stays
//! English (JSON, SARIF and GitHub annotations quote it); people get [`SourceError::message`].
//! Details passed up from a reader (an I/O error, a damaged part) are quoted as they come.

use super::{SourceError, MAX_FILE_BYTES};
use crate::lang::Lang;

impl SourceError {
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            SourceError::Io(e) => format!("无法读取:{e}"),
            SourceError::Empty => "空文件,没有可检查的内容".to_string(),
            SourceError::Binary(at) => format!("二进制文件(第 {at} 字节是 NUL),不是文字报告"),
            SourceError::TooLarge(n) => format!("文件有 {n} 字节,超过 {MAX_FILE_BYTES} 字节的上限"),
            SourceError::Undecodable { offset } => {
                format!("无法解码:不是有效的 UTF-8(第 {offset} 字节起无效),也不是 GB18030/GBK 或 Big5 文本")
            }
            SourceError::Malformed { encoding } => format!("无法按 {encoding} 解码:字节序列有误"),
            SourceError::Docx(e) => format!("无法读取 Word 文档:{e}"),
            SourceError::Html(e) => format!("无法读取网页:{e}"),
            SourceError::Doc(e) => format!("无法读取 Word 97–2003 文档:{e}"),
            SourceError::Pdf(e) => format!("无法读取 PDF:{e}"),
            SourceError::ScannedPdf => "扫描版 PDF:没有可检查的文字(请先做文字识别)".to_string(),
            SourceError::Ofd(e) => format!("无法读取 OFD:{e}"),
            SourceError::Encrypted(kind) => format!("{kind} 文件已加密,没有密码无法读取"),
            SourceError::Internal(e) => format!("fzlint 内部错误,此文件未检查完,请报告:{e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_for_people_english_unchanged() {
        assert_eq!(SourceError::Empty.message(Lang::Zh), "空文件,没有可检查的内容");
        assert_eq!(SourceError::Empty.message(Lang::En), SourceError::Empty.to_string());
        assert!(SourceError::Binary(12).message(Lang::Zh).contains("第 12 字节"));
    }
}
