#include "util/deflate.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "unit/support/gunzip.h"
#include "unit/support/test_dir.h"

namespace webex {
namespace {

using testing::Gunzip;

// Exposition-like text, larger than one of Deflate's input slices.
std::string Series(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += "webex_callpark_up{org_id=\"O\",location_id=\"L" +
            std::to_string(i) + "\",location=\"Z\xc3\xbcrich\"} 1\n";
  }
  return text;
}

// Each text compressed apart, the final one as `last`, joined by GzipOf.
std::string Join(const std::vector<std::string>& texts) {
  std::vector<DeflatePiece> pieces;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::optional<DeflatePiece> piece =
        Deflate(texts[i], i + 1 == texts.size());
    EXPECT_TRUE(piece);
    pieces.push_back(piece.value_or(DeflatePiece{}));
  }
  std::vector<const DeflatePiece*> order;
  for (const DeflatePiece& piece : pieces) order.push_back(&piece);
  return GzipOf(order);
}

uint32_t Crc32(const std::string& text) {
  return crc32(0, reinterpret_cast<const Bytef*>(text.data()),
               static_cast<uInt>(text.size()));
}

uint32_t LittleEndian32(const std::string& bytes, size_t at) {
  uint32_t value = 0;
  for (int i = 3; i >= 0; --i) {
    value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  }
  return value;
}

TEST(DeflateTest, PiecesJoinedInflateToTheirConcatenation) {
  std::vector<std::string> texts = {Series(40000), "", "middle 2\n",
                                    Series(300), "tail 1\n"};
  ASSERT_GT(texts[0].size(), size_t{2} << 20);  // several input slices
  std::string whole;
  for (const std::string& text : texts) whole += text;

  std::optional<std::string> inflated = Gunzip(Join(texts));
  ASSERT_TRUE(inflated);
  EXPECT_EQ(*inflated, whole);
}

TEST(DeflateTest, EmptyPiecesMakeAnEmptyStream) {
  EXPECT_EQ(Gunzip(Join({"", "", ""})), std::string());
  EXPECT_EQ(Gunzip(Join({""})), std::string());
  EXPECT_EQ(Gunzip(Join({"only a last piece\n"})), "only a last piece\n");
}

TEST(DeflateTest, PieceKnowsTheCrcAndLengthOfItsText) {
  std::string text = Series(100);
  std::optional<DeflatePiece> piece = Deflate(text, false);
  ASSERT_TRUE(piece);
  EXPECT_EQ(piece->length, text.size());
  EXPECT_EQ(piece->crc, Crc32(text));
  EXPECT_LT(piece->bytes.size(), text.size() / 5);
}

// Hands out a text in lines, as a streamed exposition does.
class Lines : public TextChunks {
 public:
  explicit Lines(std::string text) : text_(std::move(text)) {}

  bool Next(std::string& out, size_t size) override {
    size_t start = out.size();
    while (at_ < text_.size() && out.size() - start < size) {
      size_t end = text_.find('\n', at_) + 1;
      out.append(text_, at_, end - at_);
      at_ = end;
    }
    return out.size() > start;
  }

 private:
  const std::string text_;
  size_t at_ = 0;
};

TEST(DeflateTest, TextHandedOutInPiecesCompressesLikeTheWhole) {
  std::string text = Series(60000);
  ASSERT_GT(text.size(), size_t{3} << 20);  // several input slices
  Lines lines(text);
  std::optional<DeflatePiece> piece = Deflate(lines, true);
  ASSERT_TRUE(piece);
  EXPECT_EQ(piece->length, text.size());
  EXPECT_EQ(piece->crc, Crc32(text));

  const DeflatePiece* order[] = {&*piece};
  EXPECT_EQ(Gunzip(GzipOf(order)), text);
}

TEST(DeflateTest, TrailerHoldsTheCombinedCrcAndLength) {
  std::vector<std::string> texts = {Series(50), "a 1\n", Series(7)};
  std::string whole = texts[0] + texts[1] + texts[2];
  std::string packed = Join(texts);

  ASSERT_GT(packed.size(), 18u);
  EXPECT_EQ(packed.substr(0, 3), "\x1f\x8b\x08");  // gzip, deflate
  size_t trailer = packed.size() - 8;
  EXPECT_EQ(LittleEndian32(packed, trailer), Crc32(whole));
  EXPECT_EQ(LittleEndian32(packed, trailer + 4), whole.size());
}

// The gzip command, a decoder other than the zlib the tests link, reads
// the joined member too (and checks its CRC and length).
TEST(DeflateTest, GzipCommandDecodesJoinedPieces) {
  std::filesystem::path dir = testing::TestDir("webex-deflate");
  std::vector<std::string> texts = {Series(2000), "", "end 1\n"};
  std::ofstream(dir / "joined.gz", std::ios::binary) << Join(texts);

  std::string command = "gzip -dc " + (dir / "joined.gz").string() + " > " +
                        (dir / "joined").string();
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(dir / "joined", std::ios::binary);
  std::stringstream decoded;
  decoded << in.rdbuf();
  EXPECT_EQ(decoded.str(), texts[0] + texts[2]);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace webex
