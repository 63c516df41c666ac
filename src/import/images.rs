//! Images: copied from pandoc's extracted media into the guideline's asset folder
//! (`guidelines/G/S/`), written as `![alt](S/name.png "Figur N: caption")`. The Word alt text
//! is kept; a missing one is a finding, never made up.

use std::path::{Path, PathBuf};

use super::ast::{Attr, Inline, Target};
use super::convert::Converter;
use super::finding::Finding;
use super::inlines::plain;
use super::patterns::FIGURE_CAPTION;
use crate::diagnostics::{codes, message};

/// An image to copy into the asset folder.
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    pub(crate) from: PathBuf,
    pub(crate) name: String,
}

/// `Figur N: …` as the caption of the image before it.
pub(super) fn figure_caption(text: &str) -> Option<String> {
    let captures = FIGURE_CAPTION.captures(text.trim())?;
    let rest = captures[2].trim();
    Some(if rest.is_empty() {
        format!("Figur {}", &captures[1])
    } else {
        format!("Figur {}: {rest}", &captures[1])
    })
}

impl Converter {
    /// A paragraph that holds one image and nothing else: a figure.
    pub(super) fn figure(&mut self, inlines: &[Inline], caption: Option<&str>) -> Option<String> {
        let mut content = inlines
            .iter()
            .filter(|inline| !matches!(inline, Inline::Space | Inline::SoftBreak));
        let Some(Inline::Image(attr, alt, target)) = content.next() else {
            return None;
        };
        if content.next().is_some() {
            return None;
        }
        Some(self.image(attr, alt, target, caption))
    }

    pub(super) fn image(
        &mut self,
        _attr: &Attr,
        alt: &[Inline],
        target: &Target,
        caption: Option<&str>,
    ) -> String {
        let url = &target.0;
        let Some(name) = self.asset(Path::new(url)) else {
            self.findings.push(
                Finding::error(
                    codes::import::IMAGE_NOT_EMBEDDED,
                    message!("import-image-not-embedded", url = url),
                )
                .in_word(&self.place)
                .at(self.anchor()),
            );
            return String::new();
        };
        let alt = plain(alt);
        if alt.is_empty() {
            self.findings.push(
                Finding::error(
                    codes::import::IMAGE_WITHOUT_ALT,
                    message!(
                        "import-image-without-alt",
                        path = format!("{}/{name}", self.slug)
                    ),
                )
                .in_word(&self.place)
                .at(self.anchor()),
            );
        }
        self.imported.figures += 1;
        let alt = alt
            .replace('\\', "\\\\")
            .replace('[', "\\[")
            .replace(']', "\\]");
        let title = caption
            .map(|caption| {
                format!(
                    " \"{}\"",
                    caption.replace('\\', "\\\\").replace('"', "\\\"")
                )
            })
            .unwrap_or_default();
        format!("![{alt}]({}/{name}{title})", self.slug)
    }

    /// The image's name in the asset folder, when pandoc extracted it from the Word file.
    fn asset(&mut self, path: &Path) -> Option<String> {
        if !path.starts_with(&self.media_root) || !path.is_file() {
            return None;
        }
        if let Some(known) = self.assets.iter().find(|asset| asset.from == path) {
            return Some(known.name.clone());
        }
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        self.assets.push(Asset {
            from: path.to_path_buf(),
            name: name.clone(),
        });
        Some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions() {
        assert_eq!(
            figure_caption("Figur 2: Forløb").as_deref(),
            Some("Figur 2: Forløb")
        );
        assert_eq!(
            figure_caption("Fig. 3. Overlevelse").as_deref(),
            Some("Figur 3: Overlevelse")
        );
        assert_eq!(figure_caption("Figuren viser"), None);
    }
}
