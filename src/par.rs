//! Work shared between the machine's cores, with results in the order of the work.

/// Below this many items a run, a thread costs more than it saves.
const MIN_PER_THREAD: usize = 4096;

/// `f` of each item, the items split into one run per core; the results in the items' order.
/// This thread makes the first run's results in place, so that only the others are ever held
/// twice.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    let run = items.len().div_ceil(threads).max(1);
    let mut runs = items.chunks(run);
    let mut out = Vec::with_capacity(items.len());
    let first = runs.next().unwrap_or(&[]);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        out.extend(first.iter().map(f));
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                // A panic in a worker is a bug; let it surface as one.
                Err(e) => std::panic::resume_unwind(e),
            }
        }
    });
    out
}

/// How many threads `items` are worth.
fn threads_for(items: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items / MIN_PER_THREAD)
        .max(1)
}

/// `f` of each run of items, the items split into one run per core (a single run when there are
/// few); the results in the runs' order.
pub fn map_runs<'t, T: Sync, R: Send>(items: &'t [T], f: impl Fn(&'t [T]) -> R + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    if threads == 1 {
        return vec![f(items)];
    }
    let run = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(run)
            .map(|part| scope.spawn(move || f(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(r) => r,
                // A panic in a worker is a bug; let it surface as one.
                Err(e) => std::panic::resume_unwind(e),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..20_000).collect();
        let doubled = super::map(&items, |&n| n * 2);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert_eq!(super::map(&[] as &[u32], |&n| n), Vec::<u32>::new());
    }
}
