//! Settings: their keys, defaults and validation, and the typed `Config` the rest of the
//! program reads. Pure: the values come from the ledger's settings table.

use std::collections::BTreeMap;

use anyhow::{Result, bail};

use crate::parse::parse_amount;

/// Every key with its default text and the form it takes (shown when a value is rejected).
pub const KEYS: &[(&str, &str, &str)] = &[
    ("weight.appreciation", "1", "a number ≥ 0"),
    ("weight.trust", "1", "a number ≥ 0"),
    ("weight.passion", "1", "a number ≥ 0"),
    ("band.strong", "75", "a whole number 0-100, above band.ok"),
    ("band.ok", "50", "a whole number 0-100, below band.strong"),
    (
        "decay.half_life_days",
        "90",
        "a whole number of days, 1-3650",
    ),
    (
        "cadence.default_days",
        "60",
        "a whole number of days, 1-3650",
    ),
    ("currency.default", "EUR", "a three-letter ISO 4217 code"),
    ("gift.yearly_budget", "227.00", "an amount, e.g. 227.00"),
    (
        "occasions",
        "Sinterklaas 12-05, Christmas 12-25",
        "a comma-separated list of NAME DAY (5 dec, 25-12) or movable feasts by name (Pasen, \
         2e Paasdag, Hemelvaartsdag, Pinksteren, 2e Pinksterdag, Koningsdag)",
    ),
    ("hledger.account", "assets:bank", "an hledger account name"),
];

pub use crate::occasions::Holiday;
use crate::occasions::{self, Reading};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub weight_appreciation: f64,
    pub weight_trust: f64,
    pub weight_passion: f64,
    pub band_strong: i64,
    pub band_ok: i64,
    pub half_life_days: u32,
    pub cadence_days: u32,
    pub currency: String,
    pub gift_budget_cents: i64,
    pub occasions: Vec<Holiday>,
    pub hledger_account: String,
}

impl Default for Config {
    fn default() -> Config {
        // The defaults are valid by construction; a test pins that.
        Config::from_settings(&BTreeMap::new()).unwrap_or_else(|_| unreachable!())
    }
}

fn default_of(key: &str) -> Option<&'static str> {
    KEYS.iter().find(|(k, _, _)| *k == key).map(|(_, d, _)| *d)
}

fn form_of(key: &str) -> &'static str {
    let en = KEYS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("", |(_, _, f)| *f);
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return en;
    }
    match en {
        "a number ≥ 0" => "een getal ≥ 0",
        "a whole number 0-100, above band.ok" => "een geheel getal 0-100, boven band.ok",
        "a whole number 0-100, below band.strong" => "een geheel getal 0-100, onder band.strong",
        "a whole number of days, 1-3650" => "een geheel aantal dagen, 1-3650",
        "a three-letter ISO 4217 code" => "een ISO 4217-code van drie letters",
        "an amount, e.g. 227.00" => "een bedrag, bijv. 227,00",
        "an hledger account name" => "de naam van een hledger-rekening",
        "" => "",
        _ => {
            "een lijst met komma's van NAAM DAG (5 dec, 25-12) of feestdagen bij naam (Pasen, \
             2e Paasdag, Hemelvaartsdag, Pinksteren, 2e Pinksterdag, Koningsdag)"
        }
    }
}

/// Checks one value for a key as a user typed it and returns it in its canonical (stored)
/// text form. The error names the key and the expected form.
pub fn normalize(key: &str, value: &str) -> Result<String> {
    normalize_as(key, value, Reading::Typed)
}

/// `normalize` for a value as it was stored (the settings table, a JSON export): the
/// occasions' numeric days are month first there (`Sinterklaas 12-05`).
pub fn normalize_stored(key: &str, value: &str) -> Result<String> {
    normalize_as(key, value, Reading::Stored)
}

/// A stored value as people read it: the occasions with month names
/// (`Sinterklaas 5 dec, Christmas 25 dec`); every other value as it is.
pub fn shown(key: &str, stored: &str) -> String {
    match key {
        "occasions" => occasions::parse_list(stored, Reading::Stored)
            .map_or_else(|_| stored.to_string(), |l| occasions::shown_list(&l)),
        _ => stored.to_string(),
    }
}

fn normalize_as(key: &str, value: &str, reading: Reading) -> Result<String> {
    if default_of(key).is_none() {
        let keys: Vec<&str> = KEYS.iter().map(|(k, _, _)| *k).collect();
        bail!(
            "{}",
            crate::i18n::t(
                crate::i18n::commands::CmdMsg::SettingUnknownKnown,
                &[("key", &format!("{key:?}")), ("keys", &keys.join(", "))]
            )
        );
    }
    let v = value.trim();
    let bad = || {
        anyhow::anyhow!(
            "{}",
            crate::i18n::t(
                crate::i18n::commands::CmdMsg::SettingInvalid,
                &[
                    ("value", &format!("{value:?}")),
                    ("key", &key),
                    ("form", &form_of(key))
                ]
            )
        )
    };
    Ok(match key {
        k if k.starts_with("weight.") => {
            let w: f64 = v.parse().map_err(|_| bad())?;
            if !w.is_finite() || !(0.0..=1000.0).contains(&w) {
                return Err(bad());
            }
            w.to_string()
        }
        "band.strong" | "band.ok" => {
            let n: i64 = v.parse().map_err(|_| bad())?;
            if !(0..=100).contains(&n) {
                return Err(bad());
            }
            n.to_string()
        }
        "decay.half_life_days" | "cadence.default_days" => {
            let n: u32 = v.parse().map_err(|_| bad())?;
            if !(1..=3650).contains(&n) {
                return Err(bad());
            }
            n.to_string()
        }
        "currency.default" => currency_code(v).ok_or_else(bad)?,
        "gift.yearly_budget" => {
            let a = parse_amount(v).map_err(|_| bad())?;
            format!("{}.{:02}", a.cents / 100, a.cents % 100)
        }
        "occasions" => {
            let list = occasions::parse_list(v, reading).map_err(|why| {
                anyhow::anyhow!(
                    "{}",
                    crate::i18n::t(
                        crate::i18n::commands::CmdMsg::SettingInvalidWhy,
                        &[
                            ("value", &format!("{value:?}")),
                            ("key", &key),
                            ("why", &why)
                        ]
                    )
                )
            })?;
            occasions::stored_list(&list)
        }
        "hledger.account" => {
            if v.is_empty() || v.contains(['\n', '\t']) || v.contains("  ") {
                return Err(bad());
            }
            v.to_string()
        }
        _ => return Err(bad()),
    })
}

/// An ISO 4217 currency code, uppercased; None when no such currency exists.
pub fn currency_code(s: &str) -> Option<String> {
    let code = s.trim().to_ascii_uppercase();
    iso_currency::Currency::from_code(&code).map(|_| code)
}

impl Config {
    /// The typed configuration from the stored settings (missing keys take their default).
    pub fn from_settings(settings: &BTreeMap<String, String>) -> Result<Config> {
        let get = |key: &str| -> Result<String> {
            let raw = settings
                .get(key)
                .map(String::as_str)
                .or_else(|| default_of(key))
                .unwrap_or_default();
            normalize_stored(key, raw)
        };
        let num = |key: &str| -> Result<f64> { Ok(get(key)?.parse()?) };
        let cfg = Config {
            weight_appreciation: num("weight.appreciation")?,
            weight_trust: num("weight.trust")?,
            weight_passion: num("weight.passion")?,
            band_strong: get("band.strong")?.parse()?,
            band_ok: get("band.ok")?.parse()?,
            half_life_days: get("decay.half_life_days")?.parse()?,
            cadence_days: get("cadence.default_days")?.parse()?,
            currency: get("currency.default")?,
            gift_budget_cents: parse_amount(&get("gift.yearly_budget")?)
                .map_err(anyhow::Error::msg)?
                .cents,
            occasions: occasions::parse_list(&get("occasions")?, Reading::Stored)
                .map_err(anyhow::Error::msg)?,
            hledger_account: get("hledger.account")?,
        };
        cfg.check()?;
        Ok(cfg)
    }

    /// Rules between keys.
    pub fn check(&self) -> Result<()> {
        if self.weight_appreciation + self.weight_trust + self.weight_passion <= 0.0 {
            bail!(
                "{}",
                crate::i18n::t(crate::i18n::commands::CmdMsg::WeightsAllZero, &[])
            );
        }
        if self.band_strong <= self.band_ok {
            bail!(
                "{}",
                crate::i18n::t(
                    crate::i18n::commands::CmdMsg::BandsOrder,
                    &[("strong", &self.band_strong), ("ok", &self.band_ok)]
                )
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        let c = Config::from_settings(&BTreeMap::new()).expect("defaults");
        assert_eq!(c.gift_budget_cents, 22700);
        assert_eq!(c.currency, "EUR");
        assert_eq!(c.occasions.len(), 2);
        assert_eq!(c.occasions[0].name, "Sinterklaas");
        assert_eq!(
            c.occasions[1].when,
            crate::occasions::When::Fixed { month: 12, day: 25 }
        );
    }

    #[test]
    fn values_are_normalized_or_rejected_with_the_key() {
        assert_eq!(normalize("currency.default", "usd").expect("ok"), "USD");
        assert!(normalize("currency.default", "XYZ").is_err());
        assert_eq!(
            normalize("gift.yearly_budget", "€250,5").expect("ok"),
            "250.50"
        );
        assert_eq!(
            normalize("occasions", "Koningsdag 04-27,Christmas 12-25").expect("ok"),
            "Koningsdag 04-27, Christmas 12-25"
        );
        for (k, v) in [
            ("weight.trust", "-1"),
            ("weight.trust", "NaN"),
            ("band.ok", "101"),
            ("decay.half_life_days", "0"),
            ("currency.default", "EURO"),
            ("occasions", "Christmas 12-32"),
            ("nope", "1"),
        ] {
            let e = normalize(k, v).expect_err(v).to_string();
            assert!(e.contains(k), "{e}");
        }
    }

    #[test]
    fn rules_between_keys() {
        let mut s = BTreeMap::new();
        s.insert("band.ok".to_string(), "80".to_string());
        assert!(Config::from_settings(&s).is_err());
        let mut s = BTreeMap::new();
        for k in ["weight.appreciation", "weight.trust", "weight.passion"] {
            s.insert(k.to_string(), "0".to_string());
        }
        assert!(Config::from_settings(&s).is_err());
    }
}
