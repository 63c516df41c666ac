//! A small template made once into a *stencil*: its output with a marker where each value
//! goes, cut into literal text and slots, then filled in Rust for every use. A badge or a
//! reference rendered through tera costs thousands of instructions a variable; filling a
//! stencil costs a copy and an escape.
//!
//! A stencil is kept only if it gives exactly what tera gives: each slot is found printed
//! either escaped (as tera's autoescape writes it) or as it is (`| safe`), and the template
//! rendered with other values (other markers, empty strings, text with every character that
//! escapes) equals the stencil filled with them. A template that branches on whether a value
//! is empty, counts it or changes it fails that test. Probing cannot see a comparison with
//! one particular value (`{% if a == "x" %}`): the partials also read the template's syntax
//! tree (`partials::only_prints`).

use super::markdown::escape_into;

/// Begins every marker: a private-use character no template writes.
const MARK: char = '\u{E000}';

/// A piece of a stencil's output.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// Value `index`, HTML-escaped or as it is.
    Slot {
        index: usize,
        escaped: bool,
    },
}

/// A template's output with its slots: see the module's comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stencil {
    pieces: Vec<Piece>,
}

/// Value `index`'s marker in the probe named `salt`: the `&` shows whether it was escaped.
fn marker(salt: &str, index: usize) -> String {
    format!("{MARK}{salt}{index}&")
}

impl Stencil {
    /// The stencil of a template with `slots` values, which `render` renders with the values
    /// given; `Ok(None)` when the template does more with a value than print it.
    pub(crate) fn probe<E>(
        slots: usize,
        render: impl Fn(&[String]) -> Result<String, E>,
    ) -> Result<Option<Self>, E> {
        let markers = |salt: &str| (0..slots).map(|i| marker(salt, i)).collect::<Vec<_>>();
        let Some(stencil) = Self::parse(&render(&markers("a"))?, "a", slots) else {
            return Ok(None);
        };
        // The same cut with other markers, and the same output with other values.
        if Self::parse(&render(&markers("bq"))?, "bq", slots).as_ref() != Some(&stencil) {
            return Ok(None);
        }
        let probes: [Vec<String>; 2] = [
            vec![String::new(); slots],
            (0..slots).map(|i| format!("<Ø&\"' {i} x>")).collect(),
        ];
        for values in probes {
            let as_str: Vec<&str> = values.iter().map(String::as_str).collect();
            let mut filled = String::new();
            stencil.fill(&as_str, &mut filled);
            if filled != render(&values)? {
                return Ok(None);
            }
        }
        Ok(Some(stencil))
    }

    /// `output` cut at the markers of `salt`; `None` if a marker is changed or unknown.
    fn parse(output: &str, salt: &str, slots: usize) -> Option<Self> {
        let mut pieces = Vec::new();
        let mut parts = output.split(MARK);
        let first = parts.next().unwrap_or_default();
        if !first.is_empty() {
            pieces.push(Piece::Text(first.to_owned()));
        }
        for part in parts {
            let rest = part.strip_prefix(salt)?;
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let index: usize = rest[..digits].parse().ok().filter(|i| *i < slots)?;
            let rest = &rest[digits..];
            let (escaped, text) = match rest.strip_prefix("&amp;") {
                Some(text) => (true, text),
                None => (false, rest.strip_prefix('&')?),
            };
            pieces.push(Piece::Slot { index, escaped });
            if !text.is_empty() {
                pieces.push(Piece::Text(text.to_owned()));
            }
        }
        Some(Self { pieces })
    }

    /// Appends the output with `values` in the slots (a missing value is empty).
    pub(crate) fn fill(&self, values: &[&str], out: &mut String) {
        let value = |index: usize| values.get(index).copied().unwrap_or_default();
        // Room for it all (escapes aside) at once, rather than `out` grown and copied
        // piece by piece: the pages' partials are filled tens of thousands of times.
        let len: usize = self
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.len(),
                Piece::Slot { index, .. } => value(*index).len(),
            })
            .sum();
        out.reserve(len);
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Slot { index, escaped } => {
                    let value = value(*index);
                    if *escaped {
                        escape_into(out, value);
                    } else {
                        out.push_str(value);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `template` rendered by tera (autoescaping, with the site's escape function) with the
    /// slots named `names`.
    fn probe(template: &str, names: &[&str]) -> Option<Stencil> {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t.html", template).unwrap();
        tera.set_escape_fn(crate::render::markdown::escape);
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        Stencil::probe(names.len(), |values| {
            let mut context = tera::Context::new();
            for (name, value) in names.iter().zip(values) {
                context.insert(name, value);
            }
            tera.render("t.html", &context)
        })
        .unwrap()
    }

    fn filled(stencil: &Stencil, values: &[&str]) -> String {
        let mut out = String::new();
        stencil.fill(values, &mut out);
        out
    }

    #[test]
    fn values_are_escaped_as_tera_escapes_them_in_text_and_attributes() {
        let stencil = probe(
            r#"<a class="x {{ class }}" title="{{ label }}">{{ label }}</a>{{ html | safe }}"#,
            &["class", "label", "html"],
        )
        .expect("a template that only prints its values is a stencil");
        assert_eq!(
            filled(&stencil, &["a\"b", "<Ø & 'x'>", "<em>é</em>"]),
            "<a class=\"x a&quot;b\" title=\"&lt;Ø &amp; &#39;x&#39;&gt;\">&lt;Ø &amp; &#39;x&#39;&gt;</a><em>é</em>"
        );
        // A value printed twice, or not at all.
        let twice = probe("{{ a }}-{{ a }}", &["a", "unused"]).unwrap();
        assert_eq!(filled(&twice, &["1", "2"]), "1-1");
    }

    #[test]
    fn a_template_that_does_more_with_a_value_than_print_it_is_no_stencil() {
        for template in [
            "{% if a %}yes{% endif %}",
            "{{ a | upper }}",
            "{{ a | length }}",
            "{{ a | truncate(length=3) }}",
            "{{ a | escape }}",
            "{{ a | replace(from=\"<\", to=\"[\") }}",
        ] {
            assert_eq!(probe(template, &["a"]), None, "{template}");
        }
    }
}
