mod review;
mod support;
#[cfg(feature = "drop")]
mod drop_server;
