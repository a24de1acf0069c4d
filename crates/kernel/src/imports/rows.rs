//! Reading a spooled file row by row, whatever its format: each row as the JSON text of one item,
//! or why it cannot be read (the row is then refused, the others go on). A file whose very shape
//! is wrong — a JSON array that is not one, a CSV without a header — is refused whole.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::value::RawValue;

use super::ImportFormat;
use super::columns::Columns;
use crate::problem::ApiError;

/// The largest row read, in bytes; a longer one is refused.
pub const MAX_ROW_BYTES: usize = 1 << 20;

/// One row of the file.
pub struct Row {
    /// Its number (see `ImportRowError::row`).
    pub number: i64,
    /// Its item, or why it cannot be read: a code and a message.
    pub item: Result<Box<RawValue>, (&'static str, String)>,
}

/// The rows of the file at `path`.
pub type Rows = Box<dyn Iterator<Item = Result<Row, ApiError>>>;

/// Reads the rows of the file at `path`, in `format`; a CSV's cells as `columns` says.
pub fn read(path: &Path, format: ImportFormat, columns: &Columns) -> Result<Rows, ApiError> {
    let reader = BufReader::with_capacity(1 << 16, File::open(path).map_err(io)?);
    Ok(match format {
        ImportFormat::Ndjson => Box::new(Lines { reader, line: 0 }),
        ImportFormat::Csv => csv_rows(path, reader, columns.clone())?,
        ImportFormat::Json => Box::new(Elements { reader, state: State::Before, index: 0 }),
    })
}

fn io(e: std::io::Error) -> ApiError {
    ApiError::Internal(format!("reading the spooled file: {e}"))
}

fn malformed(detail: impl Into<String>) -> ApiError {
    ApiError::malformed_field("", "malformed_file", detail)
}

fn item(bytes: &[u8], too_long: bool) -> Result<Box<RawValue>, (&'static str, String)> {
    if too_long {
        return Err(("row_too_large", format!("a row holds at most {MAX_ROW_BYTES} bytes")));
    }
    serde_json::from_slice::<Box<RawValue>>(bytes).map_err(|e| ("malformed_row", format!("not JSON: {e}")))
}

/// Appends to `buf` up to `max` bytes of what comes before the next `stop` byte (which is
/// consumed); answers whether anything was read and whether the rest was cut.
fn read_until_bounded(reader: &mut impl BufRead, stop: u8, buf: &mut Vec<u8>) -> std::io::Result<(bool, bool)> {
    let (mut any, mut cut) = (false, false);
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok((any, cut));
        }
        any = true;
        let (taken, found) = match available.iter().position(|b| *b == stop) {
            Some(at) => (at, true),
            None => (available.len(), false),
        };
        let room = MAX_ROW_BYTES.saturating_sub(buf.len());
        cut |= taken > room;
        buf.extend_from_slice(&available[..taken.min(room)]);
        reader.consume(taken + usize::from(found));
        if found {
            return Ok((any, cut));
        }
    }
}

/// NDJSON: a row per line; blank lines are passed over (and counted).
struct Lines {
    reader: BufReader<File>,
    line: i64,
}

impl Iterator for Lines {
    type Item = Result<Row, ApiError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let (any, cut) = match read_until_bounded(&mut self.reader, b'\n', &mut buf) {
                Ok(read) => read,
                Err(e) => return Some(Err(io(e))),
            };
            if !any {
                return None;
            }
            self.line += 1;
            let text = buf.trim_ascii();
            if !text.is_empty() || cut {
                return Some(Ok(Row { number: self.line, item: item(text, cut) }));
            }
        }
    }
}

/// CSV: the header names the fields (its separator — `,`, `;` or a tab — is the one it holds
/// most of); each record after it is a row.
fn csv_rows(path: &Path, mut first: BufReader<File>, columns: Columns) -> Result<Rows, ApiError> {
    let mut line = Vec::new();
    read_until_bounded(&mut first, b'\n', &mut line).map_err(io)?;
    let delimiter = [b',', b';', b'\t'].into_iter().max_by_key(|d| line.iter().filter(|b| *b == d).count());
    let file = BufReader::with_capacity(1 << 16, File::open(path).map_err(io)?);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter.unwrap_or(b',')).from_reader(file);
    let header = reader.headers().map_err(|e| malformed(format!("the CSV header cannot be read: {e}")))?;
    let header: Vec<String> = header.iter().map(|h| h.trim_start_matches('\u{feff}').trim().to_owned()).collect();
    if header.iter().all(String::is_empty) {
        return Err(malformed("a CSV file begins with a header row naming the fields"));
    }
    if let Some(twice) = header.iter().enumerate().find(|(i, h)| header[..*i].contains(h)).map(|(_, h)| h) {
        return Err(malformed(format!("the CSV header names `{twice}` twice")));
    }
    let mut number = 0i64;
    Ok(Box::new(reader.into_records().map(move |record| {
        number += 1;
        let item = match record {
            Ok(cells) => serde_json::value::to_raw_value(&columns.record(&header, &cells))
                .map_err(|e| ("malformed_row", e.to_string())),
            Err(e) => match e.kind() {
                csv::ErrorKind::Io(_) => return Err(ApiError::Internal(format!("reading the spooled file: {e}"))),
                csv::ErrorKind::UnequalLengths { len, .. } => {
                    Err(("malformed_row", format!("the row has {len} fields, the header {}", header.len())))
                }
                _ => Err(("malformed_row", format!("the row cannot be read: {e}"))),
            },
        };
        Ok(Row { number, item })
    })))
}

/// Where the reading of a JSON array stands.
#[derive(PartialEq)]
enum State {
    Before,
    Inside,
    Done,
}

/// A JSON array: a row per element, split without reading the whole array.
struct Elements {
    reader: BufReader<File>,
    state: State,
    index: i64,
}

impl Elements {
    fn next_byte(&mut self) -> std::io::Result<Option<u8>> {
        let mut one = [0u8; 1];
        Ok(if self.reader.read(&mut one)? == 0 { None } else { Some(one[0]) })
    }

    fn next_significant(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            match self.next_byte()? {
                Some(b) if b.is_ascii_whitespace() => continue,
                other => return Ok(other),
            }
        }
    }

    /// Reads one element up to the `,` or `]` after it; answers its bytes, whether it was cut,
    /// and whether the array ended.
    fn element(&mut self, first: u8) -> Result<(Vec<u8>, bool, bool), ApiError> {
        let (mut buf, mut cut) = (vec![first], false);
        let (mut depth, mut in_string, mut escaped) = (i64::from(matches!(first, b'{' | b'[')), first == b'"', false);
        loop {
            let Some(b) = self.next_byte().map_err(io)? else {
                return Err(malformed("the JSON array is not closed"));
            };
            if in_string {
                (escaped, in_string) = (!escaped && b == b'\\', escaped || b != b'"');
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => depth -= 1,
                    b',' if depth == 0 => return Ok((buf, cut, false)),
                    b']' => return Ok((buf, cut, true)),
                    _ => {}
                }
            }
            if buf.len() < MAX_ROW_BYTES {
                buf.push(b);
            } else {
                cut = true;
            }
        }
    }
}

impl Iterator for Elements {
    type Item = Result<Row, ApiError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut step = || -> Result<Option<Row>, ApiError> {
            if self.state == State::Before {
                if self.next_significant().map_err(io)? != Some(b'[') {
                    return Err(malformed("a JSON import is one array of records"));
                }
                self.state = State::Inside;
            }
            if self.state == State::Done {
                return match self.next_significant().map_err(io)? {
                    None => Ok(None),
                    Some(_) => Err(malformed("something follows the JSON array")),
                };
            }
            let first =
                self.next_significant().map_err(io)?.ok_or_else(|| malformed("the JSON array is not closed"))?;
            if first == b']' && self.index == 0 {
                self.state = State::Done;
                return match self.next_significant().map_err(io)? {
                    None => Ok(None),
                    Some(_) => Err(malformed("something follows the JSON array")),
                };
            }
            let (bytes, cut, ended) = self.element(first)?;
            if ended {
                self.state = State::Done;
            }
            self.index += 1;
            Ok(Some(Row { number: self.index, item: item(bytes.trim_ascii(), cut) }))
        };
        step().transpose()
    }
}
