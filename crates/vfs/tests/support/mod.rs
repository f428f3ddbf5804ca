//! Helpers shared by the integration tests (and the S3 bench).

pub mod moto;
