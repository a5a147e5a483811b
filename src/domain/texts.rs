//! What the bot says, in each language: Fluent messages (`prompts/locales/<lang>.ftl`),
//! looked up by id for the language a person reads.
//!
//! The texts are parsed and checked once, at start: every language must have every
//! message the default language has, with no variable the default does not give, so a
//! person never meets a missing message. A person's language comes from their Slack
//! locale (`fr-FR` reads `fr`), else the workspace's default. The hero's own words are
//! variables in these messages, never translated.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

/// A value for a message's variable.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Arg<'a> {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Arg<'a> {
        Arg::Text(s)
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Number(n as i64)
    }
}

/// Every language's messages.
pub struct Texts {
    default: String,
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    /// What they were parsed from, by language.
    sources: Vec<(String, String)>,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texts")
            .field("default", &self.default)
            .field("languages", &self.languages())
            .finish()
    }
}

/// The messages of one FTL source and the variables each uses.
fn messages(res: &FluentResource) -> BTreeMap<String, BTreeSet<String>> {
    fn walk(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                expr(expression, vars);
            }
        }
    }
    fn expr(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Inline(i) => inline(i, vars),
            ast::Expression::Select { selector, variants } => {
                inline(selector, vars);
                for v in variants {
                    walk(&v.value, vars);
                }
            }
        }
    }
    fn inline(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, vars),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, vars);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for entry in res.entries() {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(v) = &m.value {
                walk(v, &mut vars);
            }
            out.insert(m.id.name.to_string(), vars);
        }
    }
    out
}

impl Texts {
    /// Parses each language's FTL source (`sources`: language code → text) and checks
    /// them against `default`'s. Errors name the file's language and what is wrong.
    pub fn parse(default: &str, sources: &[(String, String)]) -> Result<Texts, Vec<String>> {
        let mut errors = Vec::new();
        let mut bundles = HashMap::new();
        let mut found: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
        for (lang, source) in sources {
            let id: unic_langid::LanguageIdentifier = match lang.parse() {
                Ok(id) => id,
                Err(_) => {
                    errors.push(format!(
                        "{lang}: not a language code (use `en`, `fr`, `pt-BR`)"
                    ));
                    continue;
                }
            };
            let res = match FluentResource::try_new(source.clone()) {
                Ok(res) => res,
                Err((_, errs)) => {
                    for e in errs {
                        let line = source[..e.pos.start.min(source.len())]
                            .lines()
                            .count()
                            .max(1);
                        errors.push(format!("{lang}.ftl line {line}: {:?}", e.kind));
                    }
                    continue;
                }
            };
            found.insert(lang.clone(), messages(&res));
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Slack text, not a web page: no Unicode isolation marks around variables.
            bundle.set_use_isolating(false);
            if let Err(errs) = bundle.add_resource(res) {
                for e in errs {
                    errors.push(format!("{lang}.ftl: {e}"));
                }
            }
            bundles.insert(lang.clone(), bundle);
        }
        match found.get(default) {
            None => errors.push(format!(
                "there are no texts in the default language {default:?} ({default}.ftl)"
            )),
            Some(reference) => {
                for (lang, messages) in &found {
                    for (id, vars) in reference {
                        match messages.get(id) {
                            None => errors.push(format!("{lang}.ftl has no message `{id}`")),
                            Some(theirs) => {
                                for v in theirs.difference(vars) {
                                    errors.push(format!(
                                        "{lang}.ftl: `{id}` uses {{ ${v} }}, which {default}.ftl's does not give"
                                    ));
                                }
                            }
                        }
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(Texts {
                default: default.to_string(),
                bundles,
                sources: sources.to_vec(),
            })
        } else {
            Err(errors)
        }
    }

    /// The languages there are texts for, sorted.
    pub fn languages(&self) -> Vec<&str> {
        let mut langs: Vec<&str> = self.bundles.keys().map(String::as_str).collect();
        langs.sort_unstable();
        langs
    }

    /// The default language.
    pub fn default_language(&self) -> &str {
        &self.default
    }

    /// The same texts with `lang` as the default language: the one read by people
    /// whose Slack language has no texts. Every language has every message, so any of
    /// them will do.
    pub fn with_default(&self, lang: &str) -> Result<Texts, String> {
        if !self.bundles.contains_key(lang) {
            return Err(format!(
                "there are no texts in {lang:?}; the languages are {}",
                self.languages().join(", ")
            ));
        }
        let mut texts = Texts::parse(&self.default, &self.sources).map_err(|e| e.join("; "))?;
        texts.default = lang.to_string();
        Ok(texts)
    }

    /// The language a person with Slack locale `locale` reads: the locale itself
    /// (`pt-BR`), else its language (`fr-FR` → `fr`), else the default.
    pub fn language_for<'a>(&'a self, locale: Option<&str>) -> &'a str {
        let Some(locale) = locale else {
            return &self.default;
        };
        let exact = self.bundles.get_key_value(locale);
        let base = locale.split(['-', '_']).next().unwrap_or_default();
        exact
            .or_else(|| self.bundles.get_key_value(base))
            .map(|(k, _)| k.as_str())
            .unwrap_or(&self.default)
    }

    /// Message `id` in `lang` with `args`. An unknown language falls back to the
    /// default; an unknown id (a bug: ids are checked at start) shows the id.
    pub fn get(&self, lang: &str, id: &str, args: &[(&str, Arg)]) -> String {
        let bundle = self
            .bundles
            .get(lang)
            .or_else(|| self.bundles.get(&self.default));
        let Some((bundle, pattern)) =
            bundle.and_then(|b| b.get_message(id).and_then(|m| m.value()).map(|p| (b, p)))
        else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(t) => fluent_args.set(*name, FluentValue::from(*t)),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        text.into_owned()
    }
}

/// English as shipped (`prompts/locales/en.ftl`, built in), for words said to no one in
/// particular: an error's `Display`, which lands in an operator's log. People read the
/// texts loaded at start, in their language.
pub fn english() -> &'static Texts {
    static ENGLISH: std::sync::OnceLock<Texts> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(|| {
        let en = include_str!("../../prompts/locales/en.ftl");
        Texts::parse("en", &[("en".to_string(), en.to_string())])
            .expect("the shipped English texts parse")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sources: &[(&str, &str)]) -> Result<Texts, Vec<String>> {
        let sources: Vec<(String, String)> = sources
            .iter()
            .map(|(l, s)| (l.to_string(), s.to_string()))
            .collect();
        Texts::parse("en", &sources)
    }

    #[test]
    fn a_message_is_read_in_the_persons_language_with_its_variables_and_plurals() {
        let t = texts(&[
            (
                "en",
                "asked = Question { $number } of { $count }\nleft = { $n ->\n [one] one question left\n*[other] { $n } questions left\n}\n",
            ),
            (
                "fr",
                "asked = Question { $number } sur { $count }\nleft = { $n ->\n [one] plus qu'une question\n*[other] encore { $n } questions\n}\n",
            ),
        ])
        .unwrap();
        let args = [("number", Arg::from(2usize)), ("count", Arg::from(5usize))];
        assert_eq!(t.get("en", "asked", &args), "Question 2 of 5");
        assert_eq!(t.get("fr", "asked", &args), "Question 2 sur 5");
        assert_eq!(
            t.get("fr", "left", &[("n", Arg::from(1usize))]),
            "plus qu'une question"
        );
        assert_eq!(
            t.get("en", "left", &[("n", Arg::from(3usize))]),
            "3 questions left"
        );
        // Text variables are put in as they are: no isolation marks, no translation.
        assert_eq!(
            t.get(
                "fr",
                "asked",
                &[("number", Arg::from("<@U1>")), ("count", Arg::from("«5»"))]
            ),
            "Question <@U1> sur «5»"
        );
        assert_eq!(
            t.get("de", "asked", &args),
            "Question 2 of 5",
            "unknown: the default"
        );
    }

    #[test]
    fn a_slack_locale_picks_its_language_or_the_default() {
        let t = texts(&[("en", "a = A\n"), ("fr", "a = A\n"), ("pt-BR", "a = A\n")]).unwrap();
        assert_eq!(t.language_for(Some("fr-FR")), "fr");
        assert_eq!(t.language_for(Some("fr-CA")), "fr");
        assert_eq!(t.language_for(Some("pt-BR")), "pt-BR");
        assert_eq!(t.language_for(Some("ja-JP")), "en");
        assert_eq!(t.language_for(None), "en");
        assert_eq!(t.languages(), ["en", "fr", "pt-BR"]);
    }

    #[test]
    fn a_missing_message_a_stray_variable_or_bad_syntax_is_refused_at_start() {
        let errors = texts(&[
            ("en", "a = A { $who }\nb = B\n"),
            ("fr", "a = A { $qui }\n"),
            ("de", "a = {\n"),
        ])
        .unwrap_err();
        assert!(
            errors.iter().any(|e| e == "fr.ftl has no message `b`"),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("fr.ftl: `a` uses { $qui }, which en.ftl's does not give")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e.starts_with("de.ftl line 1")),
            "{errors:?}"
        );
        let errors = texts(&[("fr", "a = A\n")]).unwrap_err();
        assert!(
            errors[0].contains("no texts in the default language"),
            "{errors:?}"
        );
    }
}
