//! Pictures a hero sends with an answer (screenshots shared in the interview DM): which
//! files count as pictures, which a story shows, and the alt text every shown picture
//! carries. The files stay in Slack; Spotlight keeps references. (The hero's approval
//! card lists them in the hero's language: `app`.)

/// The most pictures a story shows (Slack allows 50 blocks in a message, and a poster
/// has room for a few).
pub const MAX_SHOWN: usize = 6;

/// Slack's limit on an image block's alt text.
const MAX_ALT_CHARS: usize = 2000;

/// Whether a shared file of this type is a picture a story can show.
pub fn is_picture(mimetype: &str) -> bool {
    matches!(
        mimetype,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

/// A picture sent with an answer: a reference to the Slack file, and whether the hero
/// left it out of their story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Spotlight's own number for it.
    pub id: i64,
    /// The Slack file (`F…`).
    pub file_id: String,
    /// The file's name and title as the hero gave them.
    pub name: String,
    pub title: String,
    pub mimetype: String,
    pub left_out: bool,
}

impl Picture {
    /// What a reader who cannot see the picture is told: whose it is and its title.
    pub fn alt(&self, hero: &str) -> String {
        let alt = format!(
            "A picture {hero} shared with their story: {}",
            self.title_or_name()
        );
        alt.chars().take(MAX_ALT_CHARS).collect()
    }

    /// The title the hero gave it, else its file name.
    pub fn title_or_name(&self) -> String {
        let title = self.title.trim();
        if title.is_empty() {
            self.name.trim().to_string()
        } else {
            title.to_string()
        }
    }
}

/// A picture as a story shows it: the Slack file and its alt text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub file_id: String,
    pub alt: String,
    pub mimetype: String,
}

/// The pictures `hero`'s story shows, with their alt text.
pub fn shown_with_alt(pictures: &[Picture], hero: &str) -> Vec<Shown> {
    shown_with(pictures, |p| p.alt(hero))
}

/// The pictures a story shows, each with the alt text `alt` gives it (in the readers'
/// language), cut to Slack's limit.
pub fn shown_with(pictures: &[Picture], alt: impl Fn(&Picture) -> String) -> Vec<Shown> {
    shown(pictures)
        .into_iter()
        .map(|p| Shown {
            file_id: p.file_id.clone(),
            alt: alt(p).chars().take(MAX_ALT_CHARS).collect(),
            mimetype: p.mimetype.clone(),
        })
        .collect()
}

/// A picture's bytes, read from Slack, for a destination that carries them itself (an
/// email's inline attachments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub alt: String,
    pub mimetype: String,
    pub bytes: Vec<u8>,
}

/// The pictures a story shows: those not left out, at most `MAX_SHOWN`, in order.
pub fn shown(pictures: &[Picture]) -> Vec<&Picture> {
    pictures
        .iter()
        .filter(|p| !p.left_out)
        .take(MAX_SHOWN)
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A picture for tests: `F<id>`, named `shot<id>.png`, titled `title`.
    pub(crate) fn picture(id: i64, title: &str, left_out: bool) -> Picture {
        Picture {
            id,
            file_id: format!("F{id}"),
            name: format!("shot{id}.png"),
            title: title.to_string(),
            mimetype: "image/png".to_string(),
            left_out,
        }
    }

    #[test]
    fn only_images_are_pictures() {
        assert!(is_picture("image/png") && is_picture("image/jpeg"));
        assert!(!is_picture("text/csv") && !is_picture("application/pdf"));
    }

    #[test]
    fn every_picture_has_alt_text_naming_the_hero() {
        assert_eq!(
            picture(1, " Pipeline view ", false).alt("Maria"),
            "A picture Maria shared with their story: Pipeline view"
        );
        assert_eq!(
            picture(2, "", false).alt("Maria"),
            "A picture Maria shared with their story: shot2.png"
        );
        assert!(
            picture(3, &"x".repeat(5000), false)
                .alt("M")
                .chars()
                .count()
                <= 2000
        );
    }
}
