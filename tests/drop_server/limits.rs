//! Every limit has its own page, and a refused upload leaves nothing behind.

use axum::body::Body;
use axum::http::{header, StatusCode};
use futures_util::StreamExt;

use super::pages::assert_security_headers;
use super::support::*;

/// Submits `body` in a fresh session and checks that nothing stayed on disk.
async fn refused(drop: &TestDrop, make: impl FnOnce(&str) -> Multipart) -> (StatusCode, String) {
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let (status, headers, html) = drop.submit(&cookie, make(&csrf)).await;
    assert_security_headers(&headers);
    assert!(
        drop.envelope_files().is_empty(),
        "no envelope after a refusal"
    );
    assert!(
        drop.data().join("tmp").read_dir().unwrap().next().is_none(),
        "no temporary file after a refusal"
    );
    assert!(drop.launched.state.store().records().unwrap().is_empty());
    (status, html)
}

#[tokio::test]
async fn a_file_before_the_desk_is_refused() {
    let drop = TestDrop::new();
    let (status, html) = refused(&drop, |csrf| {
        Multipart::new()
            .text("csrf", csrf)
            .file("files", "early.txt", b"too early")
            .text("desk", DESK)
    })
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("wrong order"));
}

#[tokio::test]
async fn a_missing_or_wrong_token_is_refused() {
    let drop = TestDrop::new();
    let (status, _) = refused(&drop, |_| {
        Multipart::report(&"0".repeat(64), "x", &[("a", b"a")])
    })
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = refused(&drop, |_| {
        Multipart::new().text("desk", DESK).text("message", "x")
    })
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_unknown_desk_is_refused() {
    let drop = TestDrop::new();
    let (status, html) = refused(&drop, |csrf| {
        Multipart::new()
            .text("csrf", csrf)
            .text("desk", "nobody")
            .text("message", "x")
    })
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Unknown desk"));
}

#[tokio::test]
async fn too_many_files_are_refused() {
    let drop = TestDrop::with(|c| c.limits.max_files = 2);
    let (status, html) = refused(&drop, |csrf| {
        Multipart::report(csrf, "x", &[("a", b"a"), ("b", b"b"), ("c", b"c")])
    })
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("at most 2 files"), "{html}");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let drop = TestDrop::with(|c| c.limits.max_body_bytes = 10_000);
    let big = vec![7u8; 20_000];
    let (status, html) = refused(&drop, |csrf| {
        Multipart::report(csrf, "x", &[("big.bin", &big)])
    })
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(html.contains("larger than this drop accepts"), "{html}");
}

#[tokio::test]
async fn a_body_over_the_limit_without_a_length_is_cut_off() {
    let drop = TestDrop::with(|c| c.limits.max_body_bytes = 10_000);
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let (content_type, bytes) =
        Multipart::report(&csrf, "x", &[("big.bin", &vec![1u8; 50_000])]).build();
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = bytes
        .chunks(4096)
        .map(|c| Ok(bytes::Bytes::copy_from_slice(c)))
        .collect();
    let request = post("/submit", Some(&cookie))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap();
    let (status, _, _) = drop.send(request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(drop.envelope_files().is_empty());
    assert!(drop.data().join("tmp").read_dir().unwrap().next().is_none());
}

#[tokio::test]
async fn a_message_over_100000_characters_is_refused() {
    let drop = TestDrop::new();
    let long = "é".repeat(100_001);
    let (status, html) = refused(&drop, |csrf| Multipart::report(csrf, &long, &[])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("100000") || html.contains("100,000"),
        "{html}"
    );
    // Exactly the limit is fine.
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let (status, _, _) = drop
        .submit(&cookie, Multipart::report(&csrf, &"é".repeat(100_000), &[]))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_oversized_text_field_is_refused() {
    let drop = TestDrop::with(|c| c.limits.max_field_bytes = 1000);
    let (status, html) = refused(&drop, |csrf| {
        Multipart::report(csrf, &"x".repeat(2000), &[])
    })
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Field too long"));
}

#[tokio::test]
async fn an_unknown_field_is_refused() {
    let drop = TestDrop::new();
    let (status, _) = refused(&drop, |csrf| {
        Multipart::report(csrf, "x", &[]).text("extra", "y")
    })
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn uploads_stop_below_the_disk_reserve() {
    let drop = TestDrop::with(|c| c.limits.disk_reserve_bytes = u64::MAX);
    let (status, html) = refused(&drop, |csrf| Multipart::report(csrf, "x", &[("a", b"a")])).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(html.contains("short of space"));
}

/// A submission that sends everything up to the middle of its file, then falls silent.
async fn stalled_upload(drop: &TestDrop) -> axum::http::Request<Body> {
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let (content_type, bytes) =
        Multipart::report(&csrf, "x", &[("slow.bin", &[5u8; 10_000])]).build();
    let head = bytes::Bytes::copy_from_slice(&bytes[..bytes.len() - 5_000]);
    let stream = futures_util::stream::iter(vec![Ok::<_, std::io::Error>(head)])
        .chain(futures_util::stream::pending());
    post("/submit", Some(&cookie))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from_stream(stream))
        .unwrap()
}

#[tokio::test]
async fn a_stalled_body_times_out_and_leaves_nothing() {
    let drop = TestDrop::with(|c| c.limits.body_idle_timeout_secs = 1);
    let request = stalled_upload(&drop).await;
    let (status, _, html) = drop.send(request).await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    assert!(html.contains("stalled"));
    // The sealing thread notices the closed channel and deletes its file.
    for _ in 0..50 {
        if drop.data().join("tmp").read_dir().unwrap().next().is_none() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(drop.data().join("tmp").read_dir().unwrap().next().is_none());
    assert!(drop.envelope_files().is_empty());
}

#[tokio::test]
async fn a_mailbox_over_quota_is_refused() {
    let drop = TestDrop::with(|c| c.limits.mailbox_max_messages = 1);
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let (status, _, _) = drop
        .submit(&cookie, Multipart::report(&csrf, "first", &[]))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, html) = drop
        .submit(&cookie, Multipart::report(&csrf, "second", &[]))
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(html.contains("Limit reached"));
    assert_eq!(drop.envelope_files().len(), 1);
}

#[tokio::test]
async fn a_non_multipart_submission_is_refused() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let request = post("/submit", Some(&cookie))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("desk=x"))
        .unwrap();
    let (status, headers, _) = drop.send(request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_security_headers(&headers);
}

#[tokio::test]
async fn submitting_without_a_session_is_refused() {
    let drop = TestDrop::new();
    let (status, _, html) = drop
        .submit("amana_session=00", Multipart::report("x", "x", &[]))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("session has ended"));
}

#[tokio::test]
async fn a_body_below_the_minimum_rate_is_stopped() {
    let drop = TestDrop::with(|c| {
        c.limits.min_rate_grace_secs = 0;
        c.limits.min_body_rate_bytes_per_sec = 10 << 20;
    });
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let (content_type, bytes) =
        Multipart::report(&csrf, "x", &[("slow.bin", &[5u8; 10_000])]).build();
    let (head, tail) = bytes.split_at(bytes.len() - 5_000);
    let (head, tail) = (
        bytes::Bytes::copy_from_slice(head),
        bytes::Bytes::copy_from_slice(tail),
    );
    // A trickle: far below 10 MiB/s once a second has passed.
    let stream = futures_util::stream::iter(vec![Ok::<_, std::io::Error>(head)]).chain(
        futures_util::stream::once(async move {
            tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
            Ok(tail)
        }),
    );
    let request = post("/submit", Some(&cookie))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from_stream(stream))
        .unwrap();
    let (status, _, html) = drop.send(request).await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT, "{html}");
    assert!(drop.envelope_files().is_empty());
    assert!(drop.data().join("tmp").read_dir().unwrap().next().is_none());
}

#[tokio::test]
async fn a_storage_failure_mid_upload_is_an_error_page_not_a_confirmation() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    // The temporary folder vanished (a failing disk, an operator's mistake).
    std::fs::remove_dir(drop.data().join("tmp")).unwrap();
    let big = vec![9u8; 1 << 20];
    let (status, headers, html) = drop
        .submit(
            &cookie,
            Multipart::report(&csrf, "x", &[("a.bin", &big), ("b.bin", &big)]),
        )
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_security_headers(&headers);
    assert!(html.contains("Nothing was stored"));
    assert!(drop.envelope_files().is_empty());
    assert!(drop.launched.state.store().records().unwrap().is_empty());
}

#[tokio::test]
async fn an_oversized_login_form_is_refused_without_reading_it_all() {
    let drop = TestDrop::new();
    let (_, headers, _) = drop.send(get("/login", None)).await;
    let cookie = cookie_named(&headers, "amana_login");
    let body = format!("csrf=x&code={}", "a".repeat(1 << 20));
    let (status, headers, html) = drop
        .send(
            post("/login", Some(&cookie))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_security_headers(&headers);
    assert!(html.contains("could not be understood"));
}

#[tokio::test]
async fn a_large_submission_is_not_held_to_the_small_form_limit() {
    let drop = TestDrop::new();
    let (cookie, _) = drop.take_code().await;
    let csrf = drop.token("/submit", &cookie).await;
    let big = vec![3u8; amana::intake::SMALL_FORM_LIMIT * 8];
    let (status, _, _) = drop
        .submit(&cookie, Multipart::report(&csrf, "x", &[("big.bin", &big)]))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_empty_report_is_refused() {
    let drop = TestDrop::new();
    let (status, html) = refused(&drop, |csrf| {
        Multipart::report(csrf, "  \n ", &[]).file("files", "", b"")
    })
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Write a message or attach a file"));
}

#[tokio::test]
async fn a_stopping_drop_starts_no_upload_and_cut_off_uploads_leave_nothing() {
    let drop = TestDrop::new();
    let request = stalled_upload(&drop).await;
    let tmp_empty = || drop.data().join("tmp").read_dir().unwrap().next().is_none();
    let shutdown = drop.launched.state.shutdown().clone();
    let stopper = async {
        while tmp_empty() {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        shutdown.stop();
        // Stopping: a new upload is refused before it starts; the one in flight goes on.
        let (other, _) = drop.take_code().await;
        let csrf = drop.token("/submit", &other).await;
        let (status, _, html) = drop
            .submit(&other, Multipart::report(&csrf, "late", &[]))
            .await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(html.contains("try again in a minute"), "{html}");
        assert!(!tmp_empty(), "the upload in flight is still being sealed");
        // The grace period is over.
        shutdown.cut_off();
    };
    let ((status, _, html), ()) = tokio::join!(drop.send(request), stopper);
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{html}");
    assert!(
        tmp_empty(),
        "the cut-off upload's file is gone before the answer"
    );
    assert!(drop.envelope_files().is_empty());
}
