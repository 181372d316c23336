"""kiosk/adapters"""
