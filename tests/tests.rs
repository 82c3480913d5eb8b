#[cfg(feature = "drop")]
mod drop_server;
mod ftl;
#[cfg(feature = "onion")]
mod onion;
mod review;
mod support;
