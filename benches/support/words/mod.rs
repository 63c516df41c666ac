//! Word lists for the synthetic corpus: Danish clinical prose with æøå, long compounds, drug
//! names and study acronyms. Nothing here is clinical content; the words only have to look and
//! analyse like the real thing (stems, stop words, compounds, frequencies).

mod people;
mod site;
mod vocabulary;

pub use people::*;
pub use site::*;
pub use vocabulary::*;
