//! Medians, percentiles and units for the benchmark's tables.

use std::time::Duration;

pub fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    if xs.is_empty() {
        return Duration::ZERO;
    }
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2
    }
}

/// Nearest-rank percentile (`p` in 0–100).
pub fn percentile<T: Copy + Ord>(xs: &[T], p: f64) -> Option<T> {
    let mut xs = xs.to_vec();
    xs.sort();
    let rank = ((p / 100.0) * xs.len() as f64).ceil() as usize;
    xs.get(rank.clamp(1, xs.len().max(1)) - 1).copied()
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}
