#include "exporter/fake/json_writer.h"

#include <gtest/gtest.h>

namespace webex::fake {
namespace {

TEST(JsonQuoteTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(JsonQuote("Support \"Tier 2\" \\ Night"),
            R"("Support \"Tier 2\" \\ Night")");
  EXPECT_EQ(JsonQuote("a\nb\tc\rd"), R"("a\nb\tc\rd")");
  EXPECT_EQ(JsonQuote(std::string("\x01\x1f", 2)), R"("\u0001\u001f")");
  EXPECT_EQ(JsonQuote(std::string("nul\0byte", 8)), R"("nul\u0000byte")");
}

TEST(JsonQuoteTest, PassesUtf8Through) {
  EXPECT_EQ(JsonQuote("São Paulo 東京"), "\"São Paulo 東京\"");
}

TEST(JsonWriterTest, PlacesCommasBetweenMembersAndElements) {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("a").Int(-1);
  writer.Key("b").BeginArray().Bool(true).Null().String("x").EndArray();
  writer.Key("c").BeginObject().EndObject();
  writer.Key("d").Raw("[1,2]");
  writer.Key("e").Double(1.5);
  writer.EndObject();

  EXPECT_EQ(writer.Take(),
            R"({"a":-1,"b":[true,null,"x"],"c":{},"d":[1,2],"e":1.5})");
}

TEST(JsonWriterTest, TakeLeavesTheWriterEmpty) {
  JsonWriter writer;
  writer.BeginArray().Int(1).EndArray();
  writer.Take();

  writer.BeginArray().Int(2).EndArray();
  EXPECT_EQ(writer.Take(), "[2]");
}

}  // namespace
}  // namespace webex::fake
