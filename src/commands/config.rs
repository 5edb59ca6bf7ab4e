//! `config list|get|set|unset`: settings live in the ledger, so a backup carries them.

use crate::i18n::commands::CmdMsg;
use anyhow::{Context, Result};
use serde_json::{Map, Value, json};

use super::{Ctx, usage};
use crate::cli::ConfigCmd;
use crate::config::{self, Config, KEYS};
use crate::render::{Fit, Table};

pub fn run(ctx: &mut Ctx, cmd: ConfigCmd) -> Result<()> {
    match cmd {
        ConfigCmd::List => list(ctx),
        ConfigCmd::Get { key } => get(ctx, &key),
        ConfigCmd::Set { key, value } => set(ctx, &key, Some(&value)),
        ConfigCmd::Unset { key } => set(ctx, &key, None),
    }
}

/// Settings as stored; a missing ledger simply has none (reading never creates one).
fn stored(ctx: &Ctx) -> Result<std::collections::BTreeMap<String, String>> {
    if !ctx.path_exists() {
        return Ok(Default::default());
    }
    ctx.read()?.settings()
}

fn list(ctx: &mut Ctx) -> Result<()> {
    let set = stored(ctx)?;
    if ctx.out.json {
        let mut m = Map::new();
        for (k, d, _) in KEYS {
            m.insert(k.to_string(), json!(set.get(*k).map_or(*d, String::as_str)));
        }
        return ctx.out.json(&Value::Object(m));
    }
    let mut t = Table::new(["key", "value", "source"]).free(&["value"], Fit::Wrap);
    for (k, d, _) in KEYS {
        let (v, src) = match set.get(*k) {
            Some(v) => (v.as_str(), "set"),
            None => (*d, "default"),
        };
        t.row([k.to_string(), config::shown(k, v), src.to_string()]);
    }
    ctx.out.table(&t)
}

fn get(ctx: &mut Ctx, key: &str) -> Result<()> {
    let Some((_, default, _)) = KEYS.iter().find(|(k, _, _)| *k == key) else {
        return Err(usage(crate::i18n::t(
            CmdMsg::ConfigUnknown,
            &[("key", &format!("{key:?}"))],
        )));
    };
    let set = stored(ctx)?;
    let v = set.get(key).map_or(*default, String::as_str).to_string();
    // JSON keeps the stored form (scripts read it); people read month names.
    ctx.out.show(
        || json!({"key": key, "value": v}),
        || config::shown(key, &v),
    )
}

fn set(ctx: &mut Ctx, key: &str, value: Option<&str>) -> Result<()> {
    let normalized = match value {
        Some(v) => Some(config::normalize(key, v).map_err(|e| usage(format!("{e:#}")))?),
        None => {
            // Checks the key; the default is in the stored form.
            config::normalize_stored(
                key,
                KEYS.iter().find(|(k, _, _)| *k == key).map_or("", |x| x.1),
            )
            .map_err(|e| usage(format!("{e:#}")))?;
            None
        }
    };
    // Check the rules between keys before anything is opened or created.
    let mut after = stored(ctx)?;
    match &normalized {
        Some(v) => after.insert(key.to_string(), v.clone()),
        None => after.remove(key),
    };
    Config::from_settings(&after).map_err(|e| {
        usage(format!(
            "{e:#}; {}",
            crate::i18n::t(CmdMsg::NotChanged, &[])
        ))
    })?;
    let mut store = ctx.create()?;
    store.write(|w| {
        w.set_setting(key, normalized.as_deref())?;
        // Rules between keys (band.strong above band.ok, weights not all 0).
        Config::from_settings(&w.settings()?)
            .map_err(|e| usage(format!("{e:#}")))
            .with_context(|| crate::i18n::t(CmdMsg::NotChanged, &[]))?;
        w.set_summary(match &normalized {
            Some(v) => format!("set {key} = {v}"),
            None => format!("unset {key}"),
        });
        Ok(())
    })?;
    let shown = normalized.as_deref().map_or_else(
        || crate::i18n::t(CmdMsg::ConfigDefault, &[]),
        |v| config::shown(key, v),
    );
    ctx.out.show(
        || json!({"key": key, "value": normalized}),
        || crate::i18n::t(CmdMsg::ConfigSet, &[("key", &key), ("value", &shown)]),
    )
}
