mod review;
mod support;
#[cfg(feature = "drop")]
mod drop_server;
#[cfg(feature = "onion")]
mod onion;
