//! The one place that talks to tract, the pure-Rust ONNX runner. tract needs
//! no runtime library (onnxruntime's `ort` crate downloads one, which an
//! offline PC cannot do) and builds on every target the program ships for.
//!
//! A network is optimised for the sizes it is run at. The recogniser's
//! sizes can stay open (batch and width as symbols: one plan for every
//! line); the detector's cannot — tract does not see that a side halved five
//! times and doubled back meets itself — so it gets one plan per page size,
//! kept (a scan's pages share their size).

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tract_onnx::prelude::*;

type Plan = Arc<TypedRunnableModel>;

/// Which input sizes a network is optimised for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sizes {
    /// Batch and width open, the height fixed: one plan.
    OpenWidth { height: usize },
    /// One plan per input shape.
    PerShape,
}

/// A loaded network.
pub struct Net {
    model: InferenceModel,
    open: Option<Plan>,
    plans: Mutex<HashMap<Vec<usize>, Plan>>,
    /// The model's metadata (ONNX `metadata_props`), by key.
    pub metadata: Vec<(String, String)>,
}

fn fact(shape: impl IntoIterator<Item = TDim>) -> InferenceFact {
    InferenceFact::dt_shape(f32::datum_type(), shape.into_iter().collect::<Vec<_>>())
}

fn optimise(model: &InferenceModel, input: InferenceFact) -> TractResult<Plan> {
    model
        .clone()
        .with_input_fact(0, input)?
        .into_optimized()?
        .into_runnable()
}

impl Net {
    pub fn load(path: &Path, sizes: Sizes) -> Result<Net, String> {
        let shown = path.display();
        let model = tract_onnx::onnx()
            .model_for_path(path)
            .map_err(|e| format!("{shown}：{e}"))?;
        let metadata = model
            .properties
            .iter()
            .filter_map(|(k, v)| {
                let key = k.strip_prefix("onnx.metadata_props.")?;
                let plain = v.try_as_plain_ram().ok()?;
                let value = plain.to_scalar::<String>().ok()?;
                Some((key.to_string(), value.clone()))
            })
            .collect();
        let open = match sizes {
            Sizes::OpenWidth { height } => {
                let n = model.symbols.sym("N").to_dim();
                let w = model.symbols.sym("W").to_dim();
                let input = fact([n, 3.to_dim(), height.to_dim(), w]);
                Some(optimise(&model, input).map_err(|e| format!("{shown}：{e}"))?)
            }
            Sizes::PerShape => None,
        };
        Ok(Net {
            model,
            open,
            plans: Mutex::new(HashMap::new()),
            metadata,
        })
    }

    fn plan(&self, shape: &[usize]) -> Result<Plan, String> {
        if let Some(p) = &self.open {
            return Ok(p.clone());
        }
        let mut plans = self.plans.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = plans.get(shape) {
            return Ok(p.clone());
        }
        let plan = optimise(&self.model, fact(shape.iter().map(|&d| d.to_dim())))
            .map_err(|e| e.to_string())?;
        plans.insert(shape.to_vec(), plan.clone());
        Ok(plan)
    }

    /// Runs the network on one f32 tensor of `shape`; the first output's
    /// shape and values.
    pub fn run(&self, shape: &[usize], data: Vec<f32>) -> Result<(Vec<usize>, Vec<f32>), String> {
        let plan = self.plan(shape)?;
        let input = Tensor::from_shape(shape, &data).map_err(|e| e.to_string())?;
        let out = plan.run(tvec!(input.into())).map_err(|e| e.to_string())?;
        let first = out.first().ok_or("模型没有输出")?;
        let plain = first.try_as_plain_ram().map_err(|e| e.to_string())?;
        let values = plain.as_slice::<f32>().map_err(|e| e.to_string())?;
        Ok((plain.shape().to_vec(), values.to_vec()))
    }
}
