//! The frame of the search crate's own cache files (the kept analysis' dictionary and parts,
//! the static index's record): a 16-byte format word, a blake3 checksum of the body, then the
//! body, read field by field. A file whose word or checksum does not match is not read.

/// The body of `bytes`, if they start with `magic` and the checksum of the rest.
pub(crate) fn opened<'a>(bytes: &'a [u8], magic: &[u8; 16]) -> Option<&'a [u8]> {
    let rest = bytes.strip_prefix(magic)?;
    let (checksum, body) = rest.split_at_checked(32)?;
    (blake3::hash(body).as_bytes() == checksum).then_some(body)
}

/// What is left to read of a body; each read fails (`None`) past its end.
pub(crate) struct Body<'a>(pub(crate) &'a [u8]);

impl<'a> Body<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(taken)
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    /// Whether every byte has been read.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
