#[cfg(feature = "drop")]
mod drop_server;
#[cfg(feature = "onion")]
mod onion;
mod review;
mod support;
