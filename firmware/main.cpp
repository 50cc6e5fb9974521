// hj212gw: one binary for the gateway and its tools. Each subcommand lives in its own file.
#include "tools/decode_tool.hpp"
#include "tools/frame_tool.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

namespace {

int run_decode(const std::string& path, const hj212gw::tools::DecodeOptions& options) {
    std::ifstream file;
    if (!path.empty() && path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
            std::cerr << "hj212gw decode: cannot open " << path << '\n';
            return 1;
        }
    }
    std::istream& in = file.is_open() ? static_cast<std::istream&>(file) : std::cin;
    const auto summary = hj212gw::tools::decode_stream(in, std::cout, options);
    std::cout.flush();
    std::cerr << "hj212gw decode: " << summary.bytes << " bytes, " << summary.frames << " frames, "
              << summary.errors << " errors\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"hj212gw: HJ 212 data gateway for pollution-source online monitoring"};
    app.set_version_flag("--version", std::string(HJ212GW_VERSION));
    app.require_subcommand(1);
    app.footer("Run 'hj212gw SUBCOMMAND --help' for the options of a subcommand.");

    std::string decode_path;
    hj212gw::tools::DecodeOptions decode_options;
    auto* decode = app.add_subcommand(
        "decode", "Decode an HJ 212 byte stream (FILE or stdin) into one JSON object per line, "
                  "for every frame and every error, in stream order");
    decode->add_option("FILE", decode_path, "stream to read; '-' or nothing reads stdin");
    decode->add_flag("--strict", decode_options.strict,
                     "check segments strictly against the standard (default: lenient)");
    decode
        ->add_option("--max-segment", decode_options.max_segment,
                     "largest data segment accepted, in bytes")
        ->capture_default_str()
        ->check(CLI::Range(1, 9999));

    hj212gw::tools::FrameOptions frame_options;
    auto* frame = app.add_subcommand(
        "frame", "Read data segments from stdin, one per line, and print complete frames "
                 "(##, length, segment, CRC, CR LF)");
    frame
        ->add_option("--split", frame_options.split_above,
                     "split segments longer than N bytes into PNUM/PNO parts (standard: 1024)")
        ->check(CLI::Range(100, 9999));

    CLI11_PARSE(app, argc, argv);

    if (decode->parsed()) return run_decode(decode_path, decode_options);
    if (frame->parsed()) {
        const auto s = hj212gw::tools::frame_lines(std::cin, std::cout, std::cerr, frame_options);
        return s.errors == 0 ? 0 : 1;
    }
    return 0;
}
