#include "hj212/deframer.hpp"
#include "test_frames.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace hj212 {
namespace {

using test::frame;

struct Collected {
    std::vector<std::string> frames;
    std::vector<std::uint64_t> frame_offsets;
    std::vector<DeframeError> errors;
    std::size_t dropped = 0;
};

// Feeds `stream` in chunks of the given sizes (cycled), collecting every event.
Collected run(Deframer& d, std::string_view stream, const std::vector<std::size_t>& chunks,
              bool flush = true) {
    Collected c;
    auto drain = [&] {
        while (auto ev = d.next()) {
            if (auto* f = std::get_if<DeframedFrame>(&*ev)) {
                c.frames.emplace_back(f->segment);
                c.frame_offsets.push_back(f->offset);
            } else {
                const auto& e = std::get<DeframeError>(*ev);
                c.errors.push_back(e);
                c.dropped += e.size;
            }
            EXPECT_LE(d.buffered(), d.capacity());
        }
    };
    std::size_t i = 0, k = 0;
    while (i < stream.size()) {
        std::string_view chunk = stream.substr(i, chunks[k++ % chunks.size()]);
        i += chunk.size();
        while (!chunk.empty()) {
            const std::size_t n = d.feed(chunk);
            chunk.remove_prefix(n);
            drain();
            if (n == 0 && d.buffered() == d.capacity()) {
                ADD_FAILURE() << "feed made no progress with a full buffer";
                return c;
            }
        }
    }
    if (flush)
        if (auto e = d.flush()) {
            c.errors.push_back(*e);
            c.dropped += e->size;
        }
    return c;
}

Collected run_all(std::string_view stream, DeframerLimits limits = {}) {
    Deframer d(limits);
    return run(d, stream, {stream.size() + 1});
}

TEST(Deframer, OneFrame) {
    const std::string f = frame(test::kSeg1062);
    EXPECT_EQ(f.substr(0, 6), "##0101");
    EXPECT_EQ(f.substr(f.size() - 6), "1C80\r\n");
    auto c = run_all(f);
    ASSERT_EQ(c.frames.size(), 1U);
    EXPECT_EQ(c.frames[0], test::kSeg1062);
    EXPECT_EQ(c.frame_offsets[0], 0U);
    EXPECT_TRUE(c.errors.empty());
}

TEST(Deframer, AcceptsLowercaseCrc) {
    std::string f = frame(test::kSeg1062);
    f.replace(f.size() - 6, 4, "1c80");
    auto c = run_all(f);
    ASSERT_EQ(c.frames.size(), 1U);
    EXPECT_TRUE(c.errors.empty());
}

TEST(Deframer, CrcMismatchIsReportedWithBothValues) {
    std::string f = frame(test::kSeg1062);
    f.replace(f.size() - 6, 4, "1C81");
    Deframer d;
    auto c = run(d, f + frame(test::kSeg1062), {4096});
    ASSERT_EQ(c.errors.size(), 1U);
    EXPECT_EQ(c.errors[0].kind, DeframeErrorKind::crc_mismatch);
    EXPECT_EQ(c.errors[0].received_crc, 0x1C81);
    EXPECT_EQ(c.errors[0].expected_crc, 0x1C80);
    EXPECT_EQ(describe(c.errors[0]), "CRC 1C81 received, 1C80 computed");
    ASSERT_EQ(c.frames.size(), 1U) << "the good frame after the bad one survives";
    EXPECT_EQ(c.frame_offsets[0], f.size());
    EXPECT_EQ(d.stats().frames, 1U);
    EXPECT_EQ(d.stats().error_count(DeframeErrorKind::crc_mismatch), 1U);
}

TEST(Deframer, GarbageBeforeAFrameIsSkippedAndCounted) {
    const std::string s = "hello\r\n#x" + frame(test::kSeg1062);
    Deframer d;
    auto c = run(d, s, {4096});
    ASSERT_EQ(c.frames.size(), 1U);
    EXPECT_EQ(c.frame_offsets[0], 9U);
    ASSERT_EQ(c.errors.size(), 1U);
    EXPECT_EQ(c.errors[0].kind, DeframeErrorKind::garbage);
    EXPECT_EQ(c.errors[0].size, 9U);
    EXPECT_EQ(d.stats().error_count(DeframeErrorKind::garbage), 1U);
}

TEST(Deframer, ExtraHashBeforeHeaderCostsOneByte) {
    const std::string s = "#" + frame(test::kSeg1062);
    auto c = run_all(s);
    ASSERT_EQ(c.frames.size(), 1U);
    ASSERT_EQ(c.errors.size(), 1U);
    EXPECT_EQ(c.errors[0].kind, DeframeErrorKind::bad_length);
    EXPECT_EQ(c.errors[0].size, 1U);
}

TEST(Deframer, NonNumericLengthIsRejectedWithoutWaiting) {
    Deframer d;
    EXPECT_EQ(d.feed("##01x"), 5U);
    auto ev = d.next();
    ASSERT_TRUE(ev.has_value());
    EXPECT_EQ(std::get<DeframeError>(*ev).kind, DeframeErrorKind::bad_length);
    EXPECT_FALSE(d.next().has_value());
    EXPECT_EQ(d.buffered(), 0U);
}

TEST(Deframer, OversizedLengthIsRejectedWithoutWaiting) {
    Deframer d(DeframerLimits{1024});
    d.feed("##5000QN=");
    auto ev = d.next();
    ASSERT_TRUE(ev.has_value());
    const auto& e = std::get<DeframeError>(*ev);
    EXPECT_EQ(e.kind, DeframeErrorKind::oversized);
    EXPECT_EQ(e.claimed, 5000U);
}

TEST(Deframer, LengthTooLargeDoesNotSwallowTheNextFrame) {
    std::string bad = frame(test::kSeg1062);
    bad.replace(2, 4, "0200"); // claims more than it has
    const std::string good = frame(test::kSeg1062);
    Deframer d;
    auto c = run(d, bad + good, {1}, /*flush=*/false);
    ASSERT_EQ(c.frames.size(), 1U) << "the good frame comes out without waiting for 200 bytes";
    EXPECT_EQ(c.frame_offsets[0], bad.size());
    ASSERT_FALSE(c.errors.empty());
    EXPECT_EQ(c.errors[0].kind, DeframeErrorKind::length_mismatch);
    EXPECT_EQ(d.buffered(), 0U);
}

TEST(Deframer, LengthTooSmallResynchronises) {
    std::string bad = frame(test::kSeg1062);
    bad.replace(2, 4, "0050");
    const std::string good = frame(test::kSeg1062);
    auto c = run_all(bad + good);
    ASSERT_EQ(c.frames.size(), 1U);
    EXPECT_EQ(c.frame_offsets[0], bad.size());
    ASSERT_GE(c.errors.size(), 1U);
    EXPECT_EQ(c.errors[0].kind, DeframeErrorKind::bad_trailer);
}

TEST(Deframer, MissingCrLfIsABadTrailer) {
    std::string bad = frame(test::kSeg1062);
    bad.resize(bad.size() - 2);
    bad += "XX";
    auto c = run_all(bad + frame(test::kSeg1062));
    ASSERT_EQ(c.frames.size(), 1U);
    EXPECT_EQ(c.errors[0].kind, DeframeErrorKind::bad_trailer);
}

TEST(Deframer, FlushReportsATruncatedFrame) {
    const std::string f = frame(test::kSeg1062);
    Deframer d;
    d.feed(std::string_view(f).substr(0, 50));
    EXPECT_FALSE(d.next().has_value());
    auto e = d.flush();
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->kind, DeframeErrorKind::truncated);
    EXPECT_EQ(e->size, 50U);
    EXPECT_EQ(d.buffered(), 0U);
    // The stream continues at the right offset after a flush.
    d.feed(f);
    auto ev = d.next();
    ASSERT_TRUE(ev.has_value());
    EXPECT_EQ(std::get<DeframedFrame>(*ev).offset, 50U);
}

TEST(Deframer, MemoryIsBoundedWhateverTheInputSize) {
    Deframer d(DeframerLimits{1024});
    const std::string garbage(1 << 20, 'x');
    const std::size_t taken = d.feed(garbage);
    EXPECT_EQ(taken, d.capacity()) << "feed takes only what fits";
    EXPECT_EQ(d.capacity(), 1024U + 12U);
    auto c = run(d, garbage + frame(test::kSeg1062), {1 << 20}, false);
    ASSERT_EQ(c.frames.size(), 1U);
    EXPECT_EQ(c.dropped, taken + garbage.size());
}

TEST(Deframer, MaxSizeFrameFitsExactly) {
    std::string seg = "QN=20260101000000000;ST=32;CN=2011;PW=123456;MN=A;Flag=4;CP=&&X=";
    seg += std::string(1024 - seg.size() - 2, '1');
    seg += "&&";
    ASSERT_EQ(seg.size(), 1024U);
    auto c = run_all(frame(seg), DeframerLimits{1024});
    ASSERT_EQ(c.frames.size(), 1U);
    EXPECT_EQ(c.frames[0], seg);
}

// A long stream of good frames mixed with every kind of bad input.
std::string mixed_stream(std::vector<std::string>& good) {
    std::string s;
    auto add_good = [&](std::string seg) {
        good.push_back(seg);
        s += frame(seg);
    };
    add_good(std::string(test::kSeg1062));
    s += "\x00\xff garbage \r\n";
    add_good(std::string(test::kSeg2011));
    std::string bad_crc = frame(test::kSeg2011);
    bad_crc[bad_crc.size() - 3] ^= 1;
    s += bad_crc;
    add_good("QN=20260301120100000;ST=32;CN=2051;PW=123456;MN=ABC;Flag=4;CP=&&&&");
    s += "##01"; // header cut short, then a new frame
    add_good(std::string(test::kSeg1062));
    std::string too_long = frame(test::kSeg1062);
    too_long.replace(2, 4, "0999");
    s += too_long;
    add_good(std::string(test::kSeg2011));
    s += "##9999";
    add_good("ST=32;CN=2011;PW=123456;MN=88888880000001;CP=&&DataTime=20260301120000;011-Rtd=12&&");
    std::string lower = frame(test::kSeg1062);
    for (std::size_t i = lower.size() - 6; i < lower.size() - 2; ++i)
        lower[i] = static_cast<char>(std::tolower(lower[i]));
    good.push_back(std::string(test::kSeg1062));
    s += lower;
    s += "#";
    add_good(std::string(test::kSeg2011));
    return s;
}

TEST(Deframer, EverySplitSizeYieldsEveryGoodFrameExactlyOnce) {
    std::vector<std::string> good;
    const std::string stream = mixed_stream(good);
    Deframer reference;
    const auto ref = run(reference, stream, {stream.size()});
    ASSERT_EQ(ref.frames, good);
    for (std::size_t split = 1; split <= stream.size(); ++split) {
        Deframer d;
        const auto c = run(d, stream, {split});
        ASSERT_EQ(c.frames, good) << "split size " << split;
        ASSERT_EQ(c.frame_offsets, ref.frame_offsets) << "split size " << split;
        std::size_t framed = 0;
        for (const auto& f : c.frames)
            framed += f.size() + 12;
        ASSERT_EQ(framed + c.dropped, stream.size()) << "every byte accounted for, split " << split;
        ASSERT_EQ(d.stats().bytes, stream.size());
    }
}

TEST(Deframer, RandomChunkingYieldsEveryGoodFrameExactlyOnce) {
    std::vector<std::string> good;
    const std::string stream = mixed_stream(good);
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        std::vector<std::size_t> chunks;
        for (int i = 0; i < 50; ++i)
            chunks.push_back(1 + rng() % 97);
        Deframer d;
        const auto c = run(d, stream, chunks);
        ASSERT_EQ(c.frames, good) << "round " << round;
    }
}

TEST(Deframer, ErrorNamesAreStable) {
    EXPECT_EQ(to_string(DeframeErrorKind::garbage), "garbage");
    EXPECT_EQ(to_string(DeframeErrorKind::bad_length), "bad_length");
    EXPECT_EQ(to_string(DeframeErrorKind::oversized), "oversized");
    EXPECT_EQ(to_string(DeframeErrorKind::length_mismatch), "length_mismatch");
    EXPECT_EQ(to_string(DeframeErrorKind::bad_trailer), "bad_trailer");
    EXPECT_EQ(to_string(DeframeErrorKind::crc_mismatch), "crc_mismatch");
    EXPECT_EQ(to_string(DeframeErrorKind::truncated), "truncated");
}

} // namespace
} // namespace hj212
