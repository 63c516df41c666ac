//! Support code shared by the bench targets: the corpus generator and its word lists.

pub mod corpus;
pub mod words;
