//! The one sort of the crate: the indices of a column of `f64` keys in ascending order.
//!
//! Every generic sort (`sort_by`, `sort_unstable_by`, `dedup_by`) monomorphises its own copy
//! of the standard library's sort (2 to 3 KB of wasm each, about 6 KB gzip for the five the
//! crate used to carry). Callers here instead compute one `f64` key per item, ask
//! [`order_by`] for the permutation and apply it, so the release wasm holds one instance.
//! [`order_by`] keeps ties in index order (what a stable sort gives); [`order_by_key`],
//! for callers to whom equal keys are alike, lets many equal keys sort in linear time.
//!
//! A leaf: uses nothing; any folder may use it.

/// The indices of `keys` in ascending order of key by [`f64::total_cmp`] (NaN after
/// +infinity, -0 before +0), ties in index order: the permutation a stable sort applies.
pub(crate) fn order_by(keys: &[f64]) -> Vec<usize> {
    order(keys, true)
}

/// As [`order_by`], but equal keys in any order: for callers that read only the keys'
/// values (a median) or treat equal keys alike. Many equal keys sort in linear time here,
/// where the index tie-break of [`order_by`] makes every key distinct.
pub(crate) fn order_by_key(keys: &[f64]) -> Vec<usize> {
    order(keys, false)
}

/// The one call of the standard library's sort: both orders share its instance.
fn order(keys: &[f64], ties_by_index: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    let at = |i: usize| keys.get(i).copied().unwrap_or(0.0);
    order.sort_unstable_by(|&a, &b| {
        let by_key = at(a).total_cmp(&at(b));
        if ties_by_index {
            by_key.then(a.cmp(&b))
        } else {
            by_key
        }
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascending_with_ties_in_index_order() {
        assert_eq!(order_by(&[3.0, 1.0, 2.0, 1.0]), vec![1, 3, 2, 0]);
        assert_eq!(order_by(&[]), Vec::<usize>::new());
        // total_cmp: -0 before +0, NaN last.
        assert_eq!(order_by(&[f64::NAN, 0.0, -0.0, f64::INFINITY]), vec![2, 1, 3, 0]);
    }

    #[test]
    fn matches_a_stable_sort() {
        let keys: Vec<f64> = (0..500u32).map(|i| f64::from((i * 7919) % 37)).collect();
        let mut stable: Vec<(usize, f64)> = keys.iter().copied().enumerate().collect();
        stable.sort_by(|a, b| a.1.total_cmp(&b.1));
        let want: Vec<usize> = stable.into_iter().map(|(i, _)| i).collect();
        assert_eq!(order_by(&keys), want);
    }

    #[test]
    fn by_key_sorts_the_keys_alike() {
        let keys: Vec<f64> = (0..500u32).map(|i| f64::from((i * 7919) % 37) - 18.0).collect();
        let sorted = |order: Vec<usize>| -> Vec<f64> { order.into_iter().filter_map(|i| keys.get(i).copied()).collect() };
        assert_eq!(sorted(order_by_key(&keys)), sorted(order_by(&keys)));
        let mut all = order_by_key(&keys);
        all.sort_unstable();
        assert_eq!(all, (0..keys.len()).collect::<Vec<_>>());
    }
}
