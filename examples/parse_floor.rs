//! The parse floor for benchmarks: read every CSV file of a data folder and split every record
//! into fields, nothing else, on one core. No program that reads these files can be faster than
//! this by much, so xmtool's time is measured against it.
//!
//! ```sh
//! cargo run --release --example parse_floor -- DIR
//! ```

use std::path::{Path, PathBuf};

fn csv_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            csv_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "csv") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: parse_floor DIR")?;
    let mut files = Vec::new();
    csv_files(Path::new(&dir), &mut files)?;
    let (mut records, mut fields) = (0u64, 0u64);
    let mut record = csv::ByteRecord::new();
    for file in files {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&file)?;
        while reader.read_byte_record(&mut record)? {
            records += 1;
            fields += record.len() as u64;
        }
    }
    println!("{records} records, {fields} fields");
    Ok(())
}
