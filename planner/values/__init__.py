"""One cell value to a typed value: text, numbers, money, dates, ratings, lists."""
